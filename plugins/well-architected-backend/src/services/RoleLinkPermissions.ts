import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  PermissionRuleset,
  createConditionAuthorizer,
} from '@backstage/plugin-permission-node';
import { RoleLinkResource } from 'backstage-plugin-well-architected-node';

/**
 * Decides whether a caller may change one link: asks the policy once, and applies a conditional
 * answer to the link here, with the rules registered for role links. The link is known already
 * (read with the caller's credentials), so the permission backend need not load it again.
 */
export class RoleLinkPermissions {
  private readonly isAuthorized: ReturnType<
    typeof createConditionAuthorizer<RoleLinkResource>
  >;

  constructor(
    private readonly options: {
      permissions: PermissionsService;
      rules: PermissionRuleset<RoleLinkResource>;
    },
  ) {
    this.isAuthorized = createConditionAuthorizer(options.rules);
  }

  /** Throws NotAllowedError unless the policy lets the caller use `permission` on the link. */
  async authorize(
    permission: ResourcePermission,
    link: RoleLinkResource,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (!this.isAuthorized(decision, link)) {
      throw new NotAllowedError(
        `You may not change the roles of ${link.groupRef}: the permission ${permission.name} is not granted to you for this link`,
      );
    }
  }
}
