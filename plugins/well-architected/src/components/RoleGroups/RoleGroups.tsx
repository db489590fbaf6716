import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  catalogApiRef,
  entityPresentationApiRef,
  entityPresentationSnapshot,
} from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import { wellArchitectedApiRef } from '../../api';
import { AsyncContent } from '../AsyncContent';
import { RoleLinkList } from '../RoleLinks';

/** What the catalog's entity presentation reads of an entity (and the picker needs its ref). */
const GROUP_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'spec.profile.displayName',
  'spec.type',
];

/** The catalog's Groups, teams first, each by the name the app presents it with. */
function useCatalogGroups() {
  const catalogApi = useApi(catalogApiRef);
  const presentationApi = useApiHolder().get(entityPresentationApiRef);
  return useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'group' },
      fields: GROUP_FIELDS,
    });
    return items
      .map(group => ({
        ref: stringifyEntityRef(group),
        type: String(group.spec?.type ?? 'group'),
        title: entityPresentationSnapshot(group, undefined, presentationApi)
          .primaryTitle,
      }))
      .sort(
        (a, b) =>
          Number(b.type === 'team') - Number(a.type === 'team') ||
          a.title.localeCompare(b.title, 'en'),
      );
  }, [catalogApi, presentationApi]);
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
  const holders = useAsyncRetry(() => api.getRoleGroups(roleId), [api, roleId]);
  const groups = useCatalogGroups();
  const candidates = (groups.value ?? []).map(group => ({
    link: { roleId, groupRef: group.ref },
    label: group.title,
    detail: `${group.ref} · ${group.type}`,
  }));

  return (
    <InfoCard title="Groups that hold this role">
      <AsyncContent state={holders}>
        {({ items }) => (
          <RoleLinkList
            links={items.map(holder => ({
              link: { roleId, groupRef: holder.groupRef },
              name: holder.displayName,
              sources: holder.sources,
              portalLink: holder.portalLink,
              title: (
                <EntityRefLink
                  entityRef={holder.groupRef}
                  title={holder.displayName}
                />
              ),
            }))}
            candidates={candidates}
            candidatesLoading={groups.loading}
            pickerLabel="Link a group"
            subject="this role"
            empty={canLink => (
              <Typography variant="body2" color="textSecondary">
                No group holds this role yet.
                {canLink
                  ? ' Link one below, or add the role id to a'
                  : ' Add the role id to a'}{' '}
                Group's <code>well-architected/roles</code> annotation.
              </Typography>
            )}
            onChange={holders.retry}
          />
        )}
      </AsyncContent>
    </InfoCard>
  );
}
