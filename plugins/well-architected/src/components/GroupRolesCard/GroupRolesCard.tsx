import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, List, Typography } from '@material-ui/core';
import { wellArchitectedApiRef } from '../../api';
import { roleRouteRef } from '../../routes';
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
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getGroupRoles(groupRef),
    [api, groupRef],
  );
  const actions = useRoleLinkActions(retry);
  const roles = useAsync(() => api.listRoleSummaries(), [api]);
  const held = value?.items ?? [];
  const unlinkable = useLinkPermissions(
    roleLinkDeletePermission,
    held
      .filter(role => role.sources.includes('portal'))
      .map(role => ({ roleId: role.roleId, groupRef })),
  );
  const candidates = (roles.value?.items ?? []).filter(
    role =>
      !held.some(h => h.roleId === role.id && h.sources.includes('portal')),
  );
  const linkable = useLinkPermissions(
    roleLinkCreatePermission,
    candidates.map(role => ({ roleId: role.id, groupRef })),
  );
  const options = candidates
    .filter(role => linkable.allows({ roleId: role.id, groupRef }))
    .map(role => ({ value: role.id, label: role.title }));

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else {
    const { items, unknownRoleIds } = value!;
    content = (
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
        {items.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            This group holds no Well-Architected role yet.
          </Typography>
        ) : (
          <List dense disablePadding>
            {items.map(role => (
              <LinkedItem
                key={role.roleId}
                name={role.roleTitle}
                sources={role.sources}
                portalLink={role.portalLink}
                canUnlink={unlinkable.allows({
                  roleId: role.roleId,
                  groupRef,
                })}
                busy={actions.busy}
                onUnlink={() => actions.unlink(role.roleId, groupRef)}
              >
                <Link to={roleLink({ roleId: role.roleId })}>
                  {role.roleTitle}
                </Link>
              </LinkedItem>
            ))}
          </List>
        )}
        {options.length > 0 && (
          <LinkPicker
            label="Link a role"
            options={options}
            loading={roles.loading || linkable.loading}
            busy={actions.busy}
            onLink={roleId => actions.link(roleId, groupRef)}
          />
        )}
      </>
    );
  }
  return <InfoCard title="Well-Architected roles">{content}</InfoCard>;
}
