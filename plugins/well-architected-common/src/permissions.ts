import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Allows linking a role to a group in the portal.
 *
 * @public
 */
export const roleLinkCreatePermission = createPermission({
  name: 'well-architected.role-link.create',
  attributes: { action: 'create' },
});

/**
 * Allows removing a portal link between a role and a group.
 *
 * @public
 */
export const roleLinkDeletePermission = createPermission({
  name: 'well-architected.role-link.delete',
  attributes: { action: 'delete' },
});

/**
 * Every permission of the Well-Architected plugins.
 *
 * @public
 */
export const wellArchitectedPermissions = [
  roleLinkCreatePermission,
  roleLinkDeletePermission,
];
