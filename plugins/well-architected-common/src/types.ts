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
 * Why a role is suggested: one sentence that names the evidence, and the entities it is about.
 *
 * @public
 */
export interface SuggestionReason {
  /** The rule that found it. */
  ruleId: string;
  message: string;
  entityRefs: string[];
}

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
  /** The sum of the weights of the rules that suggested the role. */
  score: number;
  reasons: SuggestionReason[];
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
}
