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
 * Throws NotAllowedError unless the policy lets the caller use `permission` on a catalog entity.
 * The policy is asked with the entity ref as the resource ref, so that it decides with the
 * catalog's conditions (the entity's owners, its kind…), which the catalog backend resolves.
 * `action` says what the caller may not do, as in "decide about the suggestions for".
 */
export async function authorizeForEntity(
  permissions: Pick<PermissionsService, 'authorize'>,
  request: {
    permission: ResourcePermission<'catalog-entity'>;
    entityRef: string;
    action: string;
  },
  credentials: BackstageCredentials,
): Promise<void> {
  const { permission, entityRef, action } = request;
  const [decision] = await permissions.authorize(
    [{ permission, resourceRef: entityRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `You may not ${action} ${entityRef}: the permission ${permission.name} is not granted to you for this entity`,
    );
  }
}
