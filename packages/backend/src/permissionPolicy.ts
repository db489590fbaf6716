import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  RESOURCE_TYPE_WELL_ARCHITECTED_ROLE_LINK,
  evaluationRefreshPermission,
  suggestionDecidePermission,
} from 'backstage-plugin-well-architected-common';
import {
  createRoleLinkConditionalDecision,
  roleLinkConditions,
} from 'backstage-plugin-well-architected-node';

/**
 * Members of this Group may link and unlink roles for every Group, and decide and refresh for
 * every entity.
 */
export const ADMINS_GROUP = 'group:default/admins';

/** The permissions on a System or Component that only its owners (and admins) are given. */
const OWNERS_PERMISSIONS = [
  suggestionDecidePermission,
  evaluationRefreshPermission,
];

/**
 * The example app's policy: everyone may do everything, except changing which Groups hold
 * Well-Architected roles, which a user may do only for the Groups they belong to (or own), and
 * accepting or dismissing the roles suggested for a System or Component and evaluating it again
 * now, which only its owners may do (the catalog decides who they are). Members of `admins` may do
 * all of it everywhere.
 */
export class ExamplePermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const claims = user?.info.ownershipEntityRefs ?? [];
    const admin = claims.includes(ADMINS_GROUP);
    if (
      !admin &&
      isResourcePermission(
        request.permission,
        RESOURCE_TYPE_WELL_ARCHITECTED_ROLE_LINK,
      )
    ) {
      return createRoleLinkConditionalDecision(
        request.permission,
        roleLinkConditions.isGroupMemberOrOwner({ claims }),
      );
    }
    if (
      !admin &&
      OWNERS_PERMISSIONS.some(p => isPermission(request.permission, p)) &&
      isResourcePermission(request.permission, 'catalog-entity')
    ) {
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({ claims }),
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
