import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { roleLinkResourceRef } from 'backstage-plugin-well-architected-common';
import { RoleLinkResource } from 'backstage-plugin-well-architected-node';
import { authorizeResource } from './authorizeResource';

/**
 * Decides whether a caller may change one link. The policy is asked about the link by its
 * resource ref, as the frontend asks before it shows a control; a conditional answer is resolved
 * by the permission backend with the rules and `getResources` the plugin registers, so the
 * backend and the frontend always agree.
 */
export class RoleLinkPermissions {
  constructor(private readonly permissions: PermissionsService) {}

  /** Throws NotAllowedError unless the policy lets the caller use `permission` on the link. */
  async authorize(
    permission: ResourcePermission,
    link: RoleLinkResource,
    credentials: BackstageCredentials,
  ): Promise<void> {
    await authorizeResource(
      this.permissions,
      { permission, resourceRef: roleLinkResourceRef(link) },
      credentials,
      {
        message: `You may not change the roles of ${link.groupRef}`,
        resource: 'link',
      },
    );
  }
}
