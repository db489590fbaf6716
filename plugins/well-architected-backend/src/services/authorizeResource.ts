import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Throws NotAllowedError unless the policy lets the caller use `permission` on the resource that
 * `resourceRef` names. A conditional answer is resolved by the plugin that owns the resource type:
 * this one for links, the catalog for entities (their owners, their kind…). `refusal` says what
 * the caller may not do (its `message`), as in "You may not change the roles of group:default/sre-team", and
 * `resource` what the resource is, as in "link".
 */
export async function authorizeResource(
  permissions: Pick<PermissionsService, 'authorize'>,
  request: { permission: ResourcePermission; resourceRef: string },
  credentials: BackstageCredentials,
  refusal: { message: string; resource: string },
): Promise<void> {
  const { permission, resourceRef } = request;
  const [decision] = await permissions.authorize(
    [{ permission, resourceRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `${refusal.message}: the permission ${permission.name} is not granted to you for this ${refusal.resource}`,
    );
  }
}
