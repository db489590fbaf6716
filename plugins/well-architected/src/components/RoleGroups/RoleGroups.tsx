import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, catalogApiRef } from '@backstage/plugin-catalog-react';
import { List, Typography } from '@material-ui/core';
import { wellArchitectedApiRef } from '../../api';
import {
  roleLinkCreatePermission,
  roleLinkDeletePermission,
} from 'backstage-plugin-well-architected-common';
import {
  LinkPicker,
  LinkedItem,
  useLinkPermissions,
  useRoleLinkActions,
} from '../RoleLinks';

const GROUP_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.profile.displayName',
];

/** Catalog Groups to pick from, by display name. */
function useGroupOptions() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'group' },
      fields: GROUP_FIELDS,
    });
    return items
      .map(group => ({
        value: stringifyEntityRef(group),
        label:
          (group.spec?.profile as { displayName?: string } | undefined)
            ?.displayName ??
          group.metadata.title ??
          group.metadata.name,
      }))
      .sort((a, b) => a.label.localeCompare(b.label, 'en'));
  }, [catalogApi]);
}

/**
 * The groups that hold a role, with where each link comes from; users whom the policy allows can
 * link another group or remove a portal link, group by group.
 *
 * @public
 */
export function RoleGroups(props: { roleId: string }) {
  const { roleId } = props;
  const api = useApi(wellArchitectedApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getRoleGroups(roleId),
    [api, roleId],
  );
  const actions = useRoleLinkActions(retry);
  const groups = useGroupOptions();
  const holders = value?.items ?? [];
  const unlinkable = useLinkPermissions(
    roleLinkDeletePermission,
    holders
      .filter(h => h.sources.includes('portal'))
      .map(h => ({ roleId, groupRef: h.groupRef })),
  );
  const candidates = (groups.value ?? []).filter(
    option =>
      !holders.some(
        h =>
          h.groupRef === option.value.toLocaleLowerCase('en') &&
          h.sources.includes('portal'),
      ),
  );
  const linkable = useLinkPermissions(
    roleLinkCreatePermission,
    candidates.map(option => ({ roleId, groupRef: option.value })),
  );
  const options = candidates.filter(option =>
    linkable.allows({ roleId, groupRef: option.value }),
  );

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else {
    content = (
      <>
        {holders.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No group holds this role yet.
            {options.length > 0
              ? ' Link one below, or add the role id to a'
              : ' Add the role id to a'}{' '}
            Group's <code>well-architected/roles</code> annotation.
          </Typography>
        ) : (
          <List dense disablePadding>
            {holders.map(holder => (
              <LinkedItem
                key={holder.groupRef}
                name={holder.displayName}
                sources={holder.sources}
                portalLink={holder.portalLink}
                canUnlink={unlinkable.allows({
                  roleId,
                  groupRef: holder.groupRef,
                })}
                busy={actions.busy}
                onUnlink={() => actions.unlink(roleId, holder.groupRef)}
              >
                <EntityRefLink
                  entityRef={holder.groupRef}
                  title={holder.displayName}
                />
              </LinkedItem>
            ))}
          </List>
        )}
        {options.length > 0 && (
          <LinkPicker
            label="Link a group"
            options={options}
            loading={groups.loading || linkable.loading}
            busy={actions.busy}
            onLink={groupRef => actions.link(roleId, groupRef)}
          />
        )}
      </>
    );
  }
  return <InfoCard title="Groups that hold this role">{content}</InfoCard>;
}
