import {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  SuggestionDecision,
  SuggestionDecisionRequest,
  suggestionDecidePermission,
} from 'backstage-plugin-well-architected-common';
import { DecisionStore, StoredDecision } from '../database/DecisionStore';
import { parseEntityRefParameter } from './entityRefs';
import { auditedChange, Caller } from './auditedChange';
import { authorizeResource } from './authorizeResource';
import { actorRef } from './RoleLinkChanges';
import { RoleLinkService } from './RoleLinkService';
import { SuggestionService } from './suggestions/SuggestionService';

/** The decision about one role suggested for one entity, as a caller names it. */
export interface DecisionKey {
  entityRef: string;
  roleId: string;
}

/** Whether an actor is a user's entity ref rather than a service (`service:…`). */
export const isUserRef = (actor: string) => actor.startsWith('user:');

/**
 * A stored decision as the caller may see it: the user who decided and the Group pinned are
 * named only when the caller may read them.
 */
export function toWireDecision(
  decision: StoredDecision,
  visible: (ref: string) => boolean,
): SuggestionDecision {
  const { entityRef, roleId, groupRef, reason, reasonText } = decision;
  return {
    entityRef,
    roleId,
    decision: decision.decision,
    ...(groupRef && visible(groupRef) && { groupRef }),
    ...(reason && { reason }),
    ...(reasonText &&
      (reason === 'covered-elsewhere'
        ? { where: reasonText }
        : { text: reasonText })),
    ...(decision.expiresAt && {
      expiresAt: decision.expiresAt.toISOString(),
    }),
    ...(isUserRef(decision.decidedBy) &&
      visible(decision.decidedBy) && { decidedBy: decision.decidedBy }),
    decidedAt: decision.decidedAt.toISOString(),
  };
}

/**
 * Accepting, dismissing and undoing what owners decide about a suggested role. The entity is read
 * with the caller's credentials (one they cannot read is not found) and the role must be one
 * suggested to them for it, before the policy is asked about the entity; every attempt is
 * audited, whatever its outcome.
 */
export class SuggestionDecisions {
  constructor(
    private readonly options: {
      auditor: AuditorService;
      permissions: PermissionsService;
      store: Pick<DecisionStore, 'saveDecision' | 'removeDecision'>;
      suggestions: Pick<SuggestionService, 'suggest'>;
      roleLinks: Pick<RoleLinkService, 'parseGroupRef' | 'readGroup'>;
      /** The current time; a clock in tests. */
      now?: () => Date;
    },
  ) {}

  /** Records a decision, replacing an earlier one; returns it as stored. */
  async decide(
    key: DecisionKey,
    request: SuggestionDecisionRequest,
    caller: Caller,
  ): Promise<SuggestionDecision> {
    return this.audited(
      'suggestion-decide',
      key,
      caller,
      async ({ entityRef, ruleIds }, actor) => {
        const details = await this.details(request, caller.credentials);
        const stored = await this.options.store.saveDecision({
          entityRef,
          roleId: key.roleId,
          ...details,
          ruleIds,
          decidedBy: actor,
        });
        const result = toWireDecision(stored, () => true);
        return { result, audit: result };
      },
    );
  }

  /** Removes the decision about a role; not found when there is none. */
  async undo(key: DecisionKey, caller: Caller): Promise<void> {
    await this.audited(
      'suggestion-undo',
      key,
      caller,
      async ({ entityRef }) => {
        const removed = await this.options.store.removeDecision({
          entityRef,
          roleId: key.roleId,
        });
        if (!removed) {
          throw new NotFoundError(
            `No decision about '${key.roleId}' for ${entityRef} to undo`,
          );
        }
        return {
          result: undefined,
          audit: {
            decision: removed.decision,
            decidedBy: removed.decidedBy,
            decidedAt: removed.decidedAt.toISOString(),
          },
        };
      },
    );
  }

  /** What a request decides, checked: a Group the caller can read, a reason with its words. */
  private async details(
    request: SuggestionDecisionRequest,
    credentials: BackstageCredentials,
  ): Promise<
    Pick<
      StoredDecision,
      'decision' | 'groupRef' | 'reason' | 'reasonText' | 'expiresAt'
    >
  > {
    if (request.decision === 'accepted') {
      const { roleLinks } = this.options;
      const groupRef = roleLinks.parseGroupRef(request.groupRef);
      await roleLinks.readGroup(groupRef, credentials);
      return { decision: 'accepted', groupRef };
    }
    const { reason, where, text, expiresAt } = request;
    const reasonText = reason === 'covered-elsewhere' ? where : text;
    if (reason === 'covered-elsewhere' && !where) {
      throw new InputError(
        "A dismissal because the role is covered elsewhere needs 'where': the team or process that covers it",
      );
    }
    if (reason === 'other' && !text) {
      throw new InputError(
        "A dismissal for another reason needs 'text': the reason in a few words",
      );
    }
    if (reason === 'not-applicable' && (where || text)) {
      throw new InputError(
        "A dismissal as not applicable takes neither 'where' nor 'text'",
      );
    }
    const expires = expiresAt ? new Date(expiresAt) : undefined;
    if (expires && !(expires > this.now())) {
      throw new InputError(
        `'expiresAt' must be in the future, not ${expiresAt}`,
      );
    }
    return {
      decision: 'dismissed',
      reason,
      ...(reasonText && { reasonText }),
      ...(expires && { expiresAt: expires }),
    };
  }

  /**
   * Runs `change` on the suggestion a key names, once the caller may see it and the policy lets
   * them decide about the entity, in an audit event that names the actor (an action is not an
   * HTTP request from which the auditor could read it).
   */
  private async audited<T>(
    eventId: string,
    key: DecisionKey,
    { credentials, request }: Caller,
    change: (
      suggestion: { entityRef: string; ruleIds: string[] },
      actor: string,
    ) => Promise<{ result: T; audit: object }>,
  ): Promise<T> {
    const actor = actorRef(credentials);
    return auditedChange(
      this.options.auditor,
      { eventId, request, meta: { ...key, actor } },
      async () => {
        const suggestion = await this.suggestion(key, credentials);
        await authorizeResource(
          this.options.permissions,
          {
            permission: suggestionDecidePermission,
            resourceRef: suggestion.entityRef,
          },
          credentials,
          {
            message: `You may not decide about the suggestions for ${suggestion.entityRef}`,
            resource: 'entity',
          },
        );
        const { result, audit } = await change(suggestion, actor);
        const meta = { ...key, entityRef: suggestion.entityRef, ...audit };
        return { result, meta };
      },
    );
  }

  /** The suggestion of the role for the entity, as the caller sees it; not found otherwise. */
  private async suggestion(
    key: DecisionKey,
    credentials: BackstageCredentials,
  ) {
    const answer = await this.options.suggestions.suggest(
      parseEntityRefParameter(key.entityRef),
      credentials,
    );
    const suggestion = answer.suggestions.find(s => s.roleId === key.roleId);
    if (!suggestion) {
      throw new NotFoundError(
        `The role '${key.roleId}' is not suggested for ${answer.entityRef}`,
      );
    }
    return {
      entityRef: answer.entityRef,
      ruleIds: [...new Set(suggestion.reasons.map(r => r.ruleId))],
    };
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }
}
