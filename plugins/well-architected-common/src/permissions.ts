import {
  Permission,
  createPermission,
} from '@backstage/plugin-permission-common';

/**
 * The resource type of role links: a role held by a Group. Policies decide per link, with the
 * rules the backend registers for this type (the caller is a member or owner of the group, the
 * link is for given roles or pillars).
 *
 * @public
 */
export const RESOURCE_TYPE_WELL_ARCHITECTED_ROLE_LINK =
  'well-architected-role-link';

/**
 * Allows linking a role to a group in the portal. A resource permission: the resource is the
 * link, named by {@link roleLinkResourceRef}.
 *
 * @public
 */
export const roleLinkCreatePermission = createPermission({
  name: 'well-architected.role-link.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_WELL_ARCHITECTED_ROLE_LINK,
});

/**
 * Allows removing a portal link between a role and a group. A resource permission: the resource
 * is the link, named by {@link roleLinkResourceRef}.
 *
 * @public
 */
export const roleLinkDeletePermission = createPermission({
  name: 'well-architected.role-link.delete',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_WELL_ARCHITECTED_ROLE_LINK,
});

/**
 * Allows accepting, dismissing and undoing the decision about a role suggested for a System or
 * Component. A resource permission on the catalog entity (the catalog's resource type
 * `catalog-entity`, its resource ref the entity ref), so that a policy decides with the catalog's
 * conditions, such as `catalogConditions.isEntityOwner` for the entity's owners.
 *
 * @public
 */
export const suggestionDecidePermission = createPermission({
  name: 'well-architected.suggestion.decide',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Allows evaluating a System or Component again now, from the catalog as it is, instead of waiting
 * for the next round of the background evaluation. A resource permission on the catalog entity,
 * like {@link suggestionDecidePermission}, so that a policy can give it to the entity's owners.
 *
 * @public
 */
export const evaluationRefreshPermission = createPermission({
  name: 'well-architected.evaluation.refresh',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Allows reading how owners answered each suggestion rule (`GET /rules`). A basic permission: a
 * policy can keep the rule feedback to the platform team that tunes the rules.
 *
 * @public
 */
export const ruleFeedbackReadPermission = createPermission({
  name: 'well-architected.rule-feedback.read',
  attributes: { action: 'read' },
});

/**
 * Every permission of the Well-Architected plugins.
 *
 * @public
 */
export const wellArchitectedPermissions: Permission[] = [
  roleLinkCreatePermission,
  roleLinkDeletePermission,
  suggestionDecidePermission,
  evaluationRefreshPermission,
  ruleFeedbackReadPermission,
];

/**
 * The resource ref of the link between a role and a Group, as the permission framework carries
 * it: `site-reliability-engineer:group:default/sre-team`. Role ids never hold a colon, so the
 * first colon separates the two.
 *
 * @public
 */
export function roleLinkResourceRef(link: {
  roleId: string;
  groupRef: string;
}): string {
  return `${link.roleId}:${link.groupRef}`;
}

/**
 * The role id and group ref of a {@link roleLinkResourceRef}, or undefined when the text is not
 * one.
 *
 * @public
 */
export function parseRoleLinkResourceRef(
  resourceRef: string,
): { roleId: string; groupRef: string } | undefined {
  const colon = resourceRef.indexOf(':');
  if (colon <= 0 || colon === resourceRef.length - 1) {
    return undefined;
  }
  return {
    roleId: resourceRef.slice(0, colon),
    groupRef: resourceRef.slice(colon + 1),
  };
}
