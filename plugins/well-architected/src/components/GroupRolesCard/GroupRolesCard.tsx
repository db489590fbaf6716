import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, WarningPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import { wellArchitectedApiRef } from '../../api';
import { roleRouteRef } from '../../routes';
import { AsyncContent } from '../AsyncContent';
import { RoleLinkList } from '../RoleLinks';

/**
 * The Well-Architected roles the current Group holds, from its catalog annotation and from
 * portal links; users whom the policy allows can link another role or remove a portal link, link
 * by link.
 *
 * @public
 */
export function GroupRolesCard() {
  const { entity } = useEntity();
  const groupRef = stringifyEntityRef(entity);
  const api = useApi(wellArchitectedApiRef);
  const roleLink = useRouteRef(roleRouteRef);
  const held = useAsyncRetry(
    () => api.getGroupRoles(groupRef),
    [api, groupRef],
  );
  const roles = useAsync(() => api.listRoleSummaries(), [api]);
  const candidates = (roles.value?.items ?? []).map(role => ({
    link: { roleId: role.id, groupRef },
    label: role.title,
    keywords: [role.id, ...role.aliases],
  }));

  return (
    <InfoCard title="Well-Architected roles">
      <AsyncContent state={held}>
        {({ items, unknownRoleIds }) => (
          <>
            {unknownRoleIds.length > 0 && (
              <Box mb={2}>
                <WarningPanel
                  title="Unknown role ids"
                  message={`This group is linked to ${unknownRoleIds.join(
                    ', ',
                  )}, which the Well-Architected dataset does not have (or no longer has). Check the group's well-architected/roles annotation, or the links made in the portal before the dataset changed.`}
                />
              </Box>
            )}
            <RoleLinkList
              links={items.map(role => ({
                link: { roleId: role.roleId, groupRef },
                name: role.roleTitle,
                sources: role.sources,
                portalLink: role.portalLink,
                title: (
                  <Link to={roleLink({ roleId: role.roleId })}>
                    {role.roleTitle}
                  </Link>
                ),
              }))}
              candidates={candidates}
              candidatesLoading={roles.loading}
              pickerLabel="Link a role"
              subject="this group"
              empty={() => (
                <Typography variant="body2" color="textSecondary">
                  This group holds no Well-Architected role yet.
                </Typography>
              )}
              onChange={held.retry}
            />
          </>
        )}
      </AsyncContent>
    </InfoCard>
  );
}
