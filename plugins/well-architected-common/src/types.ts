/**
 * The ids of the six Well-Architected pillars, in the order the catalogue presents them.
 *
 * @public
 */
export const PILLAR_IDS = [
  'operational-excellence',
  'security',
  'reliability',
  'performance-efficiency',
  'cost-optimization',
  'sustainability',
] as const;

/**
 * The id of a Well-Architected pillar.
 *
 * @public
 */
export type PillarId = (typeof PILLAR_IDS)[number];

/**
 * A flag that the dataset's text carries on a responsibility.
 *
 * `highly-regulated-environments`: the entry is marked "optional, for highly regulated
 * environments".
 *
 * @public
 */
export type ResponsibilityFlag = 'highly-regulated-environments';

/**
 * A category inside a pillar, such as "Backup & Disaster Recovery".
 *
 * @public
 */
export interface Category {
  /** Stable id, `<pillar id>/<category slug>`. */
  id: string;
  pillarId: PillarId;
  title: string;
  /** Position inside the pillar, from 1, as in the dataset. */
  order: number;
  /** How many distinct roles hold a responsibility in this category. */
  roleCount: number;
}

/**
 * A Well-Architected pillar with its categories.
 *
 * @public
 */
export interface Pillar {
  id: PillarId;
  title: string;
  /** Position among the pillars, from 1. */
  order: number;
  /** How many distinct roles hold a responsibility in this pillar. */
  roleCount: number;
  categories: Category[];
}

/**
 * What a role is responsible for in one category of one pillar: one entry of the dataset, its
 * title and description exactly as the dataset wrote them.
 *
 * @public
 */
export interface Responsibility {
  /** Stable id, `<category id>/<title slug>`. */
  id: string;
  roleId: string;
  pillarId: PillarId;
  categoryId: string;
  /** The entry's title, verbatim (it may name the role differently than the role's title). */
  title: string;
  /** The entry's description, verbatim. */
  description: string;
  flags: ResponsibilityFlag[];
}

/**
 * A canonical Well-Architected role, such as `site-reliability-engineer`.
 *
 * @public
 */
export interface Role {
  /** Stable slug id. */
  id: string;
  title: string;
  /** Other names of the role: the dataset's spellings and curated search terms. */
  aliases: string[];
  /** The pillars in which the role holds at least one responsibility, in pillar order. */
  pillarIds: PillarId[];
  /**
   * The role's responsibilities in pillar and category order. In a filtered list, only those that
   * match the filter.
   */
  responsibilities: Responsibility[];
}

/**
 * Response of `GET /pillars`.
 *
 * @public
 */
export interface PillarsResponse {
  items: Pillar[];
}

/**
 * Query of `GET /roles`.
 *
 * @public
 */
export interface RolesQuery {
  pillar?: PillarId;
  category?: string;
  /** Case-insensitive text over role titles, aliases, and responsibility titles and descriptions. */
  q?: string;
  limit?: number;
  offset?: number;
}

/**
 * Response of `GET /roles`.
 *
 * @public
 */
export interface RolesResponse {
  items: Role[];
  /** How many roles match the filter, before paging. */
  totalCount: number;
  limit: number;
  offset: number;
}

/**
 * Why a role is suggested: the signal that fired, one plain-text sentence naming the evidence, and
 * the entities it is about (shown as links next to the sentence).
 *
 * @public
 */
export interface SuggestionReason {
  /** The rule that found it. */
  ruleId: string;
  /** The signal the rule read, such as `on-call` or `database`. */
  signal: string;
  /** Plain text, without entity names or markup. */
  message: string;
  entityRefs: string[];
}

/**
 * How sure a suggestion is, strongest first.
 *
 * @public
 */
export const SUGGESTION_CONFIDENCES = ['strong', 'moderate', 'weak'] as const;

/**
 * One of {@link SUGGESTION_CONFIDENCES}: `strong` when two signals of the entity's own data (or of
 * its parts) back it, or one that a rule weighs 3 or more; `moderate` on one signal of its own;
 * `weak` when it rests only on what its System or related entities say.
 *
 * @public
 */
export type SuggestionConfidence = (typeof SUGGESTION_CONFIDENCES)[number];

/**
 * A role suggested to review an entity.
 *
 * @public
 */
export interface Suggestion {
  roleId: string;
  roleTitle: string;
  /** The pillars the role serves for this entity, in pillar order. */
  pillarIds: PillarId[];
  /** The sum of the weights of the rules that suggested the role; for ordering. */
  score: number;
  /** How sure the suggestion is, computed from its reasons; for people. */
  confidence: SuggestionConfidence;
  reasons: SuggestionReason[];
  /** The groups that hold the role, closest to the entity's owner first; empty for a gap. */
  reviewers: Reviewer[];
}

/**
 * Response of `GET /suggestions`.
 *
 * @public
 */
export interface SuggestionsResponse {
  entityRef: string;
  /** Highest score first, then by role id. */
  suggestions: Suggestion[];
  /** The entities the rules looked at: the entity itself, its parts and what they depend on. */
  inspectedEntityRefs: string[];
  /** The ids of the rules that were evaluated. */
  ruleIds: string[];
  /** The owner of the entity, as its `ownedBy` relation names it. */
  ownerRef?: string;
  /** Per pillar, the suggested roles that no group holds, in pillar order. */
  gaps: CoverageGap[];
  /** The pillars that no suggested role serves: no signal touched them. In pillar order. */
  uncoveredPillarIds: PillarId[];
  /** When the background evaluation computed the suggested roles (ISO 8601). */
  evaluatedAt: string;
}

/**
 * Where a link between a role and a group comes from: the Group's `well-architected/roles`
 * annotation in the catalog, or the plugin's own table, edited in the portal.
 *
 * @public
 */
export type RoleLinkSource = 'catalog' | 'portal';

/**
 * Who made a portal link, and when.
 *
 * @public
 */
export interface PortalLink {
  createdBy: string;
  /** ISO 8601. */
  createdAt: string;
}

/**
 * A group that holds a role.
 *
 * @public
 */
export interface RoleHolder {
  groupRef: string;
  /** The group's display name, or its name when the catalog has none (or not the group). */
  displayName: string;
  sources: RoleLinkSource[];
  /** Present when one of the sources is the portal. */
  portalLink?: PortalLink;
}

/**
 * Response of `GET /roles/:roleId/groups`.
 *
 * @public
 */
export interface RoleGroupsResponse {
  roleId: string;
  /** Ordered by display name. */
  items: RoleHolder[];
}

/**
 * A role a group holds.
 *
 * @public
 */
export interface HeldRole {
  roleId: string;
  roleTitle: string;
  pillarIds: PillarId[];
  sources: RoleLinkSource[];
  portalLink?: PortalLink;
}

/**
 * Response of `GET /groups/:groupRef/roles`.
 *
 * @public
 */
export interface GroupRolesResponse {
  groupRef: string;
  /** Ordered by role title. */
  items: HeldRole[];
  /** Role ids in the group's `well-architected/roles` annotation that the dataset does not have. */
  unknownRoleIds: string[];
}

/**
 * How close a reviewer group is to the owner of the entity, closest first.
 *
 * @public
 */
export const REVIEWER_CLOSENESS = [
  'owner',
  'parent',
  'child',
  'domain',
  'other',
] as const;

/**
 * One of {@link REVIEWER_CLOSENESS}.
 *
 * @public
 */
export type ReviewerCloseness = (typeof REVIEWER_CLOSENESS)[number];

/**
 * A person in a reviewer group.
 *
 * @public
 */
export interface ReviewerMember {
  userRef: string;
  displayName: string;
}

/**
 * A group suggested to review an entity because it holds a suggested role.
 *
 * @public
 */
export interface Reviewer extends RoleHolder {
  closeness: ReviewerCloseness;
  /** Why the group ranks where it does, e.g. "owns payments". */
  reason: string;
  /**
   * The first members by display name, at most as many as the backend's
   * `wellArchitected.reviewers.maxMembersPerGroup` (default 10); the group's page lists them all.
   */
  members: ReviewerMember[];
  /** How many members the group has that the caller can see, `members` included. */
  memberCount: number;
}

/**
 * The suggested roles of one pillar that no group holds.
 *
 * @public
 */
export interface CoverageGap {
  pillarId: PillarId;
  roleIds: string[];
}

/** The annotation on Group entities that lists the role ids the group holds. @public */
export const ROLES_ANNOTATION = 'well-architected/roles';
