import { EntityEvaluation, Organisation } from '../services/evaluation/model';

/** What an evaluation was computed from; a round evaluates an entity again when one differs. */
export interface EvaluationInputs {
  /** `metadata.etag` of the entity. */
  entityEtag: string;
  /** Hash of the refs and etags of every entity the rules read around it. */
  neighbourhoodHash: string;
  /** Version of the role dataset. */
  datasetVersion: string;
  /** Hash of the rules and the signal vocabulary. */
  ruleConfigHash: string;
}

/** The stored evaluation of one System or Component. */
export interface StoredEvaluation extends EvaluationInputs {
  /** Lower-case entity ref. */
  entityRef: string;
  result: EntityEvaluation;
  evaluatedAt: Date;
  /** When read: the hash of the organisation stored at that time. */
  organisationHash?: string;
}

/** The organisation read by the last round, with its hash. */
export interface StoredOrganisation {
  hash: string;
  organisation: Organisation;
  evaluatedAt: Date;
}

/** Storage of the evaluation of the catalog, shared by every replica. */
export interface EvaluationStore {
  /** The evaluation of one entity, with the hash of the current organisation, in one query. */
  readEvaluation(entityRef: string): Promise<StoredEvaluation | undefined>;

  /** The evaluations of every System, ordered by entity ref. */
  listSystemEvaluations(): Promise<StoredEvaluation[]>;

  /** The evaluations of every System and Component, ordered by entity ref. */
  listEvaluations(): Promise<StoredEvaluation[]>;
  /**
   * A counter raised after every write or removal of evaluations, by any replica: a copy of the
   * evaluations read under one value is current while the counter keeps it.
   */
  revision(): Promise<string>;

  /** What each stored evaluation was computed from, by lower-case entity ref. */
  listInputs(): Promise<Map<string, EvaluationInputs>>;

  /** Writes evaluations, replacing those of the same entities. */
  writeEvaluations(evaluations: StoredEvaluation[]): Promise<void>;

  /** Removes the evaluations of entities that are gone from the catalog. */
  deleteEvaluations(entityRefs: string[]): Promise<void>;

  readOrganisation(): Promise<StoredOrganisation | undefined>;

  /** The hash of the stored organisation, to tell whether a copy held in memory is current. */
  readOrganisationHash(): Promise<string | undefined>;

  /** Replaces the organisation unless the stored one has the same hash; true when it wrote. */
  writeOrganisation(organisation: StoredOrganisation): Promise<boolean>;
}
