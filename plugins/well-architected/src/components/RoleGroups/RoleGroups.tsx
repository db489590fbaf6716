import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import { wellArchitectedApiRef } from '../../api';
import { AsyncContent } from '../AsyncContent';
import { RoleLinkList } from '../RoleLinks';
import { useCatalogGroups } from './useCatalogGroups';

/**
 * The groups that hold a role, with where each link comes from; users whom the policy allows can
 * link another group or remove a portal link, group by group.
 *
 * @public
 */
export function RoleGroups(props: {
  roleId: string;
  /** Called after a group is linked or unlinked, for a view around it to show the change. */
  onChange?: () => void;
}) {
  const { roleId, onChange } = props;
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
            onChange={() => {
              holders.retry();
              onChange?.();
            }}
          />
        )}
      </AsyncContent>
    </InfoCard>
  );
}
