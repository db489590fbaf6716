// The rows of the dataset tables (pillars, categories, roles, responsibilities) are the columns
// of DatabaseRoleStore's map, with `retired_at`.

/** Row of `dataset_state`. */
export interface DbDatasetStateRow {
  id: string;
  version: string;
  /** Added by the migration 20261201000000_dataset_revision; 0 for a dataset loaded before. */
  revision: number;
  loaded_at: Date | string;
}

/**
 * Row of a revision table, `role_links_revision` or `evaluations_revision`: one row, raised by
 * every change of the table it counts.
 */
export interface DbRevisionRow {
  id: string;
  revision: number | string;
}

/** Row of `role_links`: a link made in the portal. */
export interface DbRoleLinkRow {
  role_id: string;
  group_ref: string;
  created_by: string;
  created_at: Date | string;
}

/** Row of `evaluations`: the suggested roles of one System or Component. */
export interface DbEvaluationRow {
  entity_ref: string;
  /** JSON of an `EntityEvaluation`. */
  result: string;
  entity_etag: string;
  neighbourhood_hash: string;
  dataset_version: string;
  rule_config_hash: string;
  evaluated_at: Date | string;
}

/** Row of `evaluation_organisation`: one row, the organisation of the last round. */
export interface DbEvaluationOrganisationRow {
  id: string;
  hash: string;
  /** JSON of an `Organisation`. */
  organisation: string;
  evaluated_at: Date | string;
}

/** Row of `suggestion_decisions`: an accepted or dismissed suggestion of a role for an entity. */
export interface DbSuggestionDecisionRow {
  entity_ref: string;
  role_id: string;
  decision: 'accepted' | 'dismissed';
  group_ref: string | null;
  reason: string | null;
  reason_text: string | null;
  expires_at: Date | string | null;
  /** Comma-separated rule ids. */
  rule_ids: string;
  decided_by: string;
  decided_at: Date | string;
}

/** Row of `coverage_snapshots`: one per day on which coverage was counted. */
export interface DbCoverageSnapshotRow {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  taken_at: Date | string;
}

/** Row of `coverage_snapshot_counts`: the states of one scope's Systems in one pillar on one day. */
export interface DbCoverageCountRow {
  day: string;
  /** `''` for every System, or the lower-case ref of an owner Group or a Domain. */
  scope_ref: string;
  pillar_id: string;
  covered: number;
  partly: number;
  gap: number;
  not_needed: number;
}
