import {
  DismissReason,
  SuggestionDecisionKind,
} from 'backstage-plugin-well-architected-common';

/** The decision about one role suggested for one System or Component. */
export interface StoredDecision {
  /** Lower-case entity ref of the System or Component. */
  entityRef: string;
  roleId: string;
  decision: SuggestionDecisionKind;
  /** Accepted: the lower-case ref of the reviewer Group pinned. */
  groupRef?: string;
  /** Dismissed: why. */
  reason?: DismissReason;
  /** Dismissed: where the role is covered instead, or the reason in words. */
  reasonText?: string;
  /** Dismissed: when the suggestion comes back; never when absent. */
  expiresAt?: Date;
  /** The rules behind the suggestion when it was decided, for the rules' feedback. */
  ruleIds: string[];
  decidedBy: string;
  decidedAt: Date;
}

/** Storage of the decisions owners make about suggested roles. */
export interface DecisionStore {
  /**
   * The decisions about the given entities (all entities when none are given). With `now`, only
   * those in force then: a dismissal that has expired is left out.
   */
  listDecisions(filter?: {
    entityRefs?: string[];
    now?: Date;
  }): Promise<StoredDecision[]>;

  /** Records a decision, replacing any earlier one about the same entity and role. */
  saveDecision(
    decision: Omit<StoredDecision, 'decidedAt'>,
  ): Promise<StoredDecision>;

  /** Removes the decision and returns it as it was; undefined when there was none. */
  removeDecision(key: {
    entityRef: string;
    roleId: string;
  }): Promise<StoredDecision | undefined>;
}
