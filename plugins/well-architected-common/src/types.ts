import {
  CoverageState,
  coverageStateValues,
  DismissReason,
  dismissReasonValues,
  operations,
  PillarId,
  pillarIdValues,
  ReviewerCloseness,
  reviewerClosenessValues,
  SuggestionConfidence,
  suggestionConfidenceValues,
} from './generated/openapi';

// The wire types are generated from the backend's OpenAPI document (src/schema/openapi.yaml of
// backstage-plugin-well-architected-backend), where their fields are described. The lists of
// values below are typed by name, so that API reports do not print a union in whatever order the
// compiler met its members.
export type {
  components,
  operations,
  paths,
  Category,
  CoverageCell,
  CoverageGap,
  CoverageHistoryPoint,
  CoverageHistoryResponse,
  CoverageResponse,
  CoverageRollUp,
  CoverageRollUpResponse,
  CoverageRollUpsResponse,
  CoverageState,
  CoverageSystem,
  CoverageTotals,
  DismissReason,
  EntityRef,
  ErrorResponse,
  GroupMembersResponse,
  GroupRolesResponse,
  HeldRole,
  MissingRole,
  Pillar,
  PillarId,
  PillarsResponse,
  PortalLink,
  Responsibility,
  ResponsibilityFlag,
  Reviewer,
  ReviewerCloseness,
  ReviewerMember,
  Role,
  RoleGroupsResponse,
  RoleHolder,
  RoleId,
  RoleLinkSource,
  RolesResponse,
  RoleSummariesResponse,
  RoleSummary,
  RuleFeedback,
  RuleFeedbackResponse,
  RuleSource,
  RoleSystem,
  RoleSystemState,
  RoleSystemsResponse,
  Suggestion,
  SuggestionConfidence,
  SuggestionDecision,
  SuggestionDecisionKind,
  SuggestionDecisionRequest,
  SuggestionReason,
  SuggestionsResponse,
} from './generated/openapi';

/**
 * The query of the API operation `Id` (its operationId in the OpenAPI document), without the
 * `undefined` of an operation whose parameters are all optional.
 *
 * @public
 */
export type OperationQuery<Id extends keyof operations> = NonNullable<
  operations[Id]['parameters']['query']
>;

/**
 * The query of `GET /roles`.
 *
 * @public
 */
export type RolesQuery = OperationQuery<'listRoles'>;

/**
 * The query of `GET /coverage`.
 *
 * @public
 */
export type CoverageQuery = OperationQuery<'getCoverage'>;

/**
 * The query of `GET /coverage/rollups`.
 *
 * @public
 */
export type CoverageRollUpsQuery = OperationQuery<'getCoverageRollUps'>;

/**
 * The query of `GET /coverage/rollups/{scopeRef}`.
 *
 * @public
 */
export type CoverageRollUpQuery = OperationQuery<'getCoverageRollUp'>;

/**
 * The query of `GET /roles/{roleId}/systems`.
 *
 * @public
 */
export type RoleSystemsQuery = OperationQuery<'getRoleSystems'>;

/**
 * The query of `GET /coverage/history`.
 *
 * @public
 */
export type CoverageHistoryQuery = OperationQuery<'getCoverageHistory'>;

/**
 * The ids of the six Well-Architected pillars, in the order the role dataset presents them.
 *
 * @public
 */
export const PILLAR_IDS: readonly PillarId[] = pillarIdValues;

/**
 * How sure a suggestion is, strongest first.
 *
 * @public
 */
export const SUGGESTION_CONFIDENCES: readonly SuggestionConfidence[] =
  suggestionConfidenceValues;

/**
 * How close a reviewer group is to the owner of the entity, closest first.
 *
 * @public
 */
export const REVIEWER_CLOSENESS: readonly ReviewerCloseness[] =
  reviewerClosenessValues;

/**
 * The states of a coverage cell, from all suggested roles held to none needed.
 *
 * @public
 */
export const COVERAGE_STATES: readonly CoverageState[] = coverageStateValues;

/**
 * Why a suggestion can be dismissed.
 *
 * @public
 */
export const DISMISS_REASONS: readonly DismissReason[] = dismissReasonValues;

/** The annotation on Group entities that lists the role ids the group holds. @public */
export const ROLES_ANNOTATION = 'well-architected/roles';
