import { createApiRef } from '@backstage/core-plugin-api';
import {
  CoverageHistoryQuery,
  CoverageHistoryResponse,
  CoverageQuery,
  CoverageResponse,
  CoverageRollUpQuery,
  CoverageRollUpResponse,
  CoverageRollUpsQuery,
  CoverageRollUpsResponse,
  RoleSystemsQuery,
  RoleSystemsResponse,
  PillarsResponse,
  Role,
  RolesQuery,
  RolesResponse,
  RoleSummariesResponse,
  RuleFeedbackResponse,
  SuggestionsResponse,
  GroupMembersResponse,
  GroupRolesResponse,
  RoleGroupsResponse,
  RoleHolder,
  SuggestionDecision,
  SuggestionDecisionRequest,
} from 'backstage-plugin-well-architected-common';

/**
 * Client of the Well-Architected backend.
 *
 * @public
 */
export interface WellArchitectedApi {
  getPillars(): Promise<PillarsResponse>;
  listRoles(query?: RolesQuery): Promise<RolesResponse>;
  /** Every role's id, title and aliases, ordered by title; a few KB, for pickers. */
  listRoleSummaries(): Promise<RoleSummariesResponse>;
  getRole(roleId: string): Promise<Role>;
  /** The roles suggested to review a System or Component, with their reasons. */
  getSuggestions(entityRef: string): Promise<SuggestionsResponse>;
  /**
   * Evaluates a System or Component again now, from the catalog as it is, instead of waiting for
   * the background evaluation's next round; answers its suggestions as `getSuggestions` does.
   */
  refreshEvaluation(entityRef: string): Promise<SuggestionsResponse>;
  /**
   * Systems × pillars: whether the roles suggested for each pillar have reviewer groups, filtered
   * and paged, with the totals of every matching System.
   */
  getCoverage(query?: CoverageQuery): Promise<CoverageResponse>;
  /** The coverage of every System matching the filters, in the order asked for, as CSV. */
  exportCoverage(
    query?: Omit<CoverageQuery, 'limit' | 'offset'>,
  ): Promise<string>;
  /**
   * The daily counts of coverage states per pillar, of every System, an owner Group or a Domain,
   * from the day history starts.
   */
  getCoverageHistory(
    query?: CoverageHistoryQuery,
  ): Promise<CoverageHistoryResponse>;
  /**
   * Every suggestion rule, with how owners answered the roles it suggested; needs the permission
   * `well-architected.rule-feedback.read`.
   */
  getRuleFeedback(): Promise<RuleFeedbackResponse>;
  /**
   * The coverage rolled up by owner Group (with the Groups inside each) or by Domain: per Group or
   * Domain, its Systems, their states per pillar and the roles most often missing.
   */
  getCoverageRollUps(
    query: CoverageRollUpsQuery,
  ): Promise<CoverageRollUpsResponse>;
  /** The roll-up of one Group (with the Groups inside it) or one Domain. */
  getCoverageRollUp(
    scopeRef: string,
    query?: CoverageRollUpQuery,
  ): Promise<CoverageRollUpResponse>;
  /** The Systems for which a role is suggested, each with its reviewer group or none. */
  getRoleSystems(
    roleId: string,
    query?: RoleSystemsQuery,
  ): Promise<RoleSystemsResponse>;
  /** The groups that hold a role, from the catalog and the portal. */
  getRoleGroups(roleId: string): Promise<RoleGroupsResponse>;
  /** The roles a group holds, from the catalog and the portal. */
  getGroupRoles(groupRef: string): Promise<GroupRolesResponse>;
  /** The first members of a group that the caller can see, and how many there are. */
  getGroupMembers(groupRef: string): Promise<GroupMembersResponse>;
  /** Links a role to a group in the portal; linking twice is harmless. */
  linkGroup(roleId: string, groupRef: string): Promise<RoleHolder>;
  /** Removes a portal link between a role and a group. */
  unlinkGroup(roleId: string, groupRef: string): Promise<void>;
  /**
   * Accepts a role suggested for a System or Component with a reviewer group, or dismisses it
   * with a reason; replaces an earlier decision.
   */
  decideSuggestion(
    entityRef: string,
    roleId: string,
    decision: SuggestionDecisionRequest,
  ): Promise<SuggestionDecision>;
  /** Undoes the decision about a suggested role. */
  undoSuggestionDecision(entityRef: string, roleId: string): Promise<void>;
}

/**
 * Reference to the {@link WellArchitectedApi}.
 *
 * @public
 */
export const wellArchitectedApiRef = createApiRef<WellArchitectedApi>({
  id: 'plugin.well-architected.api',
});
