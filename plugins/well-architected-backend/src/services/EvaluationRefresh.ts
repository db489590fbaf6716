import {
  AuditorService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  SuggestionsResponse,
  evaluationRefreshPermission,
} from 'backstage-plugin-well-architected-common';
import { auditedChange, Caller } from './auditedChange';
import { CatalogReads } from './boundedCatalog';
import { readableRefs } from './catalogVisibility';
import { authorizeResource } from './authorizeResource';
import { parseEntityRefParameter } from './entityRefs';
import { CatalogEvaluator } from './evaluation/CatalogEvaluator';
import { actorRef } from './RoleLinkChanges';
import { normalizeRef } from './RoleLinkService';
import {
  SuggestionService,
  entityNotFound,
  requireSuggestible,
} from './suggestions/SuggestionService';

/** What an {@link EvaluationRefresh} needs, and what it uses each for. */
export interface EvaluationRefreshOptions {
  /** Records every attempt, whatever its outcome. */
  auditor: AuditorService;
  /** Asks the policy whether the caller may refresh the entity. */
  permissions: Pick<PermissionsService, 'authorize'>;
  /** Reads the entity with the caller's credentials: one they cannot read is not found. */
  catalog: Pick<CatalogReads, 'getEntitiesByRefs'>;
  /** Evaluates the entity with the plugin's credentials and stores the result. */
  evaluator: Pick<CatalogEvaluator, 'evaluateEntity'>;
  /** Answers the stored result as `GET /suggestions` answers it. */
  suggestions: Pick<SuggestionService, 'suggest'>;
}

/**
 * Evaluating one System or Component again now, for its owners, instead of waiting for the next
 * round. The entity is read with the caller's credentials (one they cannot read is not found)
 * before the policy is asked about it; it is then evaluated with the plugin's credentials and
 * stored, and answered as `GET /suggestions` answers it. Every attempt is audited, whatever its
 * outcome.
 */
export class EvaluationRefresh {
  constructor(private readonly options: EvaluationRefreshOptions) {}

  /** Evaluates the entity `entityRef` names now; answers its suggestions to the caller. */
  async refresh(
    entityRef: string,
    { credentials, request }: Caller,
  ): Promise<SuggestionsResponse> {
    const { auditor, permissions, catalog, evaluator, suggestions } =
      this.options;
    const actor = actorRef(credentials);
    return auditedChange(
      auditor,
      { eventId: 'evaluation-refresh', request, meta: { entityRef, actor } },
      async () => {
        const parsed = parseEntityRefParameter(entityRef);
        requireSuggestible(parsed);
        const ref = stringifyEntityRef(parsed);
        const readable = await readableRefs(catalog, [ref], credentials);
        if (!readable(ref)) {
          throw entityNotFound(ref);
        }
        await authorizeResource(
          permissions,
          { permission: evaluationRefreshPermission, resourceRef: ref },
          credentials,
          {
            message: `You may not refresh the evaluation of ${ref}`,
            resource: 'entity',
          },
        );
        if (!(await evaluator.evaluateEntity(normalizeRef(ref)))) {
          throw entityNotFound(ref);
        }
        const result = await suggestions.suggest(parsed, credentials);
        return {
          result,
          meta: {
            entityRef: result.entityRef,
            evaluatedAt: result.evaluatedAt,
          },
        };
      },
    );
  }
}
