import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { RESOURCE_TYPE_WELL_ARCHITECTED_ROLE_LINK } from 'backstage-plugin-well-architected-common';
import {
  createRoleLinkConditionalDecision,
  roleLinkConditions,
} from 'backstage-plugin-well-architected-node';

/** Members of this Group may link and unlink roles for every Group. */
export const ADMINS_GROUP = 'group:default/admins';

/**
 * The example app's policy: everyone may do everything, except changing which Groups hold
 * Well-Architected roles, which a user may do only for the Groups they belong to (or own), and
 * members of `admins` for all Groups.
 */
export class ExamplePermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (
      isResourcePermission(
        request.permission,
        RESOURCE_TYPE_WELL_ARCHITECTED_ROLE_LINK,
      )
    ) {
      const claims = user?.info.ownershipEntityRefs ?? [];
      if (claims.includes(ADMINS_GROUP)) {
        return { result: AuthorizeResult.ALLOW };
      }
      return createRoleLinkConditionalDecision(
        request.permission,
        roleLinkConditions.isGroupMemberOrOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** Installs {@link ExamplePermissionPolicy} in the permission backend. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'example-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new ExamplePermissionPolicy());
      },
    });
  },
});
