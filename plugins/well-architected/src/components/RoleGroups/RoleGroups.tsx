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
import { LinkPicker, LinkedItem, useRoleLinkActions } from '../RoleLinks';

const GROUP_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.profile.displayName',
];

/** Catalog Groups to pick from, by display name. */
function useGroupOptions(enabled: boolean) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    if (!enabled) {
      return [];
    }
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
  }, [catalogApi, enabled]);
}

/**
 * The groups that hold a role, with where each link comes from; users with the permissions can
 * link another group or remove a portal link.
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
  const groups = useGroupOptions(actions.canLink);

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else {
    const holders = value!.items;
    content = (
      <>
        {holders.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No group holds this role yet.
            {actions.canLink
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
                canUnlink={actions.canUnlink}
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
        {actions.canLink && (
          <LinkPicker
            label="Link a group"
            options={(groups.value ?? []).filter(
              option =>
                !holders.some(
                  h =>
                    h.groupRef === option.value.toLocaleLowerCase('en') &&
                    h.sources.includes('portal'),
                ),
            )}
            loading={groups.loading}
            busy={actions.busy}
            onLink={groupRef => actions.link(roleId, groupRef)}
          />
        )}
      </>
    );
  }
  return <InfoCard title="Groups that hold this role">{content}</InfoCard>;
}
