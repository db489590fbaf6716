import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  RuleFeedback as WireRuleFeedback,
  RuleFeedbackResponse,
  RuleSource,
  ruleFeedbackReadPermission,
} from 'backstage-plugin-well-architected-common';
import { SuggestionRule } from 'backstage-plugin-well-architected-node';
import { DecisionStore, StoredDecision } from '../database/DecisionStore';
import { EvaluationStore } from '../database/EvaluationStore';
import { CatalogReads } from './boundedCatalog';
import { readableRefs } from './catalogVisibility';

/** A rule the plugin runs, and where it comes from. */
export interface RunningRule {
  rule: Pick<SuggestionRule, 'id' | 'roles' | 'weight'>;
  source: Exclude<RuleSource, 'unknown'>;
}

/**
 * The rules the plugin runs, each with where it comes from: the rule table, a backend module, or
 * config (any other).
 */
export function runningRules(options: {
  rules: SuggestionRule[];
  defaultRules: SuggestionRule[];
  moduleRules: SuggestionRule[];
}): RunningRule[] {
  const has = (list: SuggestionRule[], id: string) =>
    list.some(r => r.id === id);
  return options.rules.map(rule => {
    let source: RunningRule['source'] = 'config';
    if (has(options.defaultRules, rule.id)) {
      source = 'default';
    } else if (has(options.moduleRules, rule.id)) {
      source = 'module';
    }
    return { rule, source };
  });
}

/** The counts of one rule, before they are put on the wire. */
type Counts = Pick<
  WireRuleFeedback,
  'suggestions' | 'accepted' | 'dismissed' | 'leftAlone'
> & { signals: Set<string> };

const noCounts = (): Counts => ({
  suggestions: 0,
  accepted: 0,
  dismissed: {
    total: 0,
    'not-applicable': 0,
    'covered-elsewhere': 0,
    other: 0,
  },
  leftAlone: 0,
  signals: new Set(),
});

const keyOf = (entityRef: string, roleId: string) => `${entityRef} ${roleId}`;

/**
 * How owners answered each suggestion rule, for the platform team that tunes them: the rule's
 * current suggestions, the decisions recorded about suggestions it was behind, and the
 * suggestions nobody decided on. Counts only the Systems and Components the caller may read.
 */
export class RuleFeedback {
  constructor(
    private readonly options: {
      rules: RunningRule[];
      permissions: Pick<PermissionsService, 'authorize'>;
      evaluations: Pick<EvaluationStore, 'listEvaluations'>;
      decisions: Pick<DecisionStore, 'listDecisions'>;
      catalog: Pick<CatalogReads, 'getEntitiesByRefs'>;
    },
  ) {}

  async feedback(
    credentials: BackstageCredentials,
  ): Promise<RuleFeedbackResponse> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission: ruleFeedbackReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Reading the rule feedback needs the permission '${ruleFeedbackReadPermission.name}'`,
      );
    }
    const [evaluations, decisions] = await Promise.all([
      this.options.evaluations.listEvaluations(),
      // Every decision, an expired dismissal included: it still says what owners thought.
      this.options.decisions.listDecisions(),
    ]);
    const visible = await readableRefs(
      this.options.catalog,
      [
        ...evaluations.map(e => e.entityRef),
        ...decisions.map(d => d.entityRef),
      ],
      credentials,
    );
    return {
      items: this.count(
        evaluations
          .filter(e => visible(e.entityRef))
          .map(e => ({ entityRef: e.entityRef, roles: e.result.roles })),
        decisions.filter(d => visible(d.entityRef)),
      ),
    };
  }

  /** The feedback of every rule from the suggestions and decisions the caller may read. */
  private count(
    evaluations: Array<{
      entityRef: string;
      roles: Array<{
        roleId: string;
        reasons: Array<{ ruleId: string; signal: string }>;
      }>;
    }>,
    decisions: StoredDecision[],
  ): WireRuleFeedback[] {
    const counts = new Map<string, Counts>(
      this.options.rules.map(({ rule }) => [rule.id, noCounts()]),
    );
    const of = (ruleId: string) => {
      if (!counts.has(ruleId)) {
        counts.set(ruleId, noCounts());
      }
      return counts.get(ruleId)!;
    };
    const decided = new Set(decisions.map(d => keyOf(d.entityRef, d.roleId)));
    for (const { entityRef, roles } of evaluations) {
      for (const { roleId, reasons } of roles) {
        const open = !decided.has(keyOf(entityRef, roleId));
        for (const ruleId of new Set(reasons.map(r => r.ruleId))) {
          const c = of(ruleId);
          c.suggestions++;
          if (open) {
            c.leftAlone++;
          }
        }
        for (const { ruleId, signal } of reasons) {
          of(ruleId).signals.add(signal);
        }
      }
    }
    for (const d of decisions) {
      for (const ruleId of new Set(d.ruleIds)) {
        const c = of(ruleId);
        if (d.decision === 'accepted') {
          c.accepted++;
        } else {
          c.dismissed.total++;
          c.dismissed[d.reason ?? 'other']++;
        }
      }
    }
    const running = new Map(this.options.rules.map(r => [r.rule.id, r]));
    const retired = [...counts.keys()].filter(id => !running.has(id)).sort();
    return [...running.keys(), ...retired].map(ruleId => {
      const { signals, ...c } = counts.get(ruleId)!;
      const known = running.get(ruleId);
      return {
        ruleId,
        active: Boolean(known),
        source: known?.source ?? 'unknown',
        ...(known && { weight: known.rule.weight }),
        roles: (known?.rule.roles ?? []).map(({ roleId, pillarIds }) => ({
          roleId,
          pillarIds: [...pillarIds],
        })),
        signals: [...signals].sort(),
        ...c,
      };
    });
  }
}
