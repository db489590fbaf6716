import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
  PermissionRule,
} from '@backstage/plugin-permission-node';
import {
  PILLAR_IDS,
  PillarId,
  RESOURCE_TYPE_WELL_ARCHITECTED_ROLE_LINK,
} from 'backstage-plugin-well-architected-common';
import { z } from 'zod';

/**
 * A link between a role and a Group, as permission rules see it. The link need not exist yet: a
 * request to make it is decided on the same resource.
 *
 * @public
 */
export interface RoleLinkResource {
  /** The role id, such as `site-reliability-engineer`. */
  roleId: string;
  /** The pillars the role serves. */
  pillarIds: string[];
  /** The Group's full entity ref, lower case. */
  groupRef: string;
  /** The full refs, lower case, of the Group's owners (its `ownedBy` relations), if any. */
  groupOwnerRefs: string[];
}

/**
 * What a rule's condition means as a filter over links: links whose property has one of the
 * values. The plugin decides single links; the shape exists for rules that filter lists.
 *
 * @public
 */
export interface RoleLinkQuery {
  property: 'groupRef' | 'groupOwnerRef' | 'roleId' | 'pillarId';
  values: string[];
}

/**
 * The permission resource of role links, registered by the backend plugin.
 *
 * @public
 */
export const roleLinkPermissionResourceRef = createPermissionResourceRef<
  RoleLinkResource,
  RoleLinkQuery
>().with({
  pluginId: 'well-architected',
  resourceType: RESOURCE_TYPE_WELL_ARCHITECTED_ROLE_LINK,
});

const lower = (values: string[]) =>
  values.map(value => value.toLocaleLowerCase('en'));

/**
 * The link's Group is one the user belongs to or owns: pass the user's `ownershipEntityRefs` as
 * `claims`. Those hold the user and the Groups they are a member of; a Group owned by one of
 * them counts as well.
 *
 * @public
 */
export const isGroupMemberOrOwner = createPermissionRule({
  name: 'IS_GROUP_MEMBER_OR_OWNER',
  description:
    'Allow links of Groups that one of the claims (a user ownershipEntityRefs) is, or owns',
  resourceRef: roleLinkPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs, usually the ownershipEntityRefs of the user'),
  }),
  apply: (resource, { claims }) => {
    const wanted = new Set(lower(claims));
    return (
      wanted.has(resource.groupRef) ||
      resource.groupOwnerRefs.some(ref => wanted.has(ref))
    );
  },
  toQuery: ({ claims }) => ({
    anyOf: [
      { property: 'groupRef', values: lower(claims) },
      { property: 'groupOwnerRef', values: lower(claims) },
    ],
  }),
});

/**
 * The link is for one of the given roles.
 *
 * @public
 */
export const isRole = createPermissionRule({
  name: 'IS_ROLE',
  description: 'Allow links of the given role ids',
  resourceRef: roleLinkPermissionResourceRef,
  paramsSchema: z.object({
    roleIds: z
      .array(z.string())
      .describe('Role ids, such as site-reliability-engineer'),
  }),
  apply: (resource, { roleIds }) => roleIds.includes(resource.roleId),
  toQuery: ({ roleIds }) => ({ property: 'roleId', values: roleIds }),
});

/**
 * The link is for a role that serves one of the given pillars.
 *
 * @public
 */
export const hasPillar: PermissionRule<
  RoleLinkResource,
  RoleLinkQuery,
  typeof RESOURCE_TYPE_WELL_ARCHITECTED_ROLE_LINK,
  { pillarIds: PillarId[] }
> = createPermissionRule({
  name: 'HAS_PILLAR',
  description: 'Allow links of roles that serve one of the given pillars',
  resourceRef: roleLinkPermissionResourceRef,
  paramsSchema: z.object({
    pillarIds: z
      .array(z.enum(PILLAR_IDS))
      .describe('Pillar ids, such as security or reliability'),
  }),
  apply: (resource, { pillarIds }) =>
    resource.pillarIds.some(id => (pillarIds as string[]).includes(id)),
  toQuery: ({ pillarIds }) => ({ property: 'pillarId', values: pillarIds }),
});

/**
 * The permission rules of role links, registered by the backend plugin.
 *
 * @public
 */
export const roleLinkPermissionRules = {
  isGroupMemberOrOwner,
  isRole,
  hasPillar,
};

const roleLinkConditionExports = createConditionExports({
  resourceRef: roleLinkPermissionResourceRef,
  rules: roleLinkPermissionRules,
});

/**
 * Conditions for role link permissions in a permission policy, for example
 * `roleLinkConditions.isGroupMemberOrOwner({ claims: user.info.ownershipEntityRefs })`.
 *
 * @public
 */
export const roleLinkConditions = roleLinkConditionExports.conditions;

/**
 * A conditional decision for a role link permission, from {@link roleLinkConditions}.
 *
 * @public
 */
export const createRoleLinkConditionalDecision =
  roleLinkConditionExports.createConditionalDecision;
