import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import { SuggestionRule } from 'backstage-plugin-well-architected-node';
import { StoredDecision } from '../database/DecisionStore';
import { StoredEvaluation } from '../database/EvaluationStore';
import {
  inMemoryDecisionStore,
  inMemoryEvaluationStore,
} from '../__testUtils__/services';
import { RuleFeedback, runningRules } from './RuleFeedback';

const rule = (id: string, roleId: string, weight = 2): SuggestionRule => ({
  id,
  roles: [{ roleId, pillarIds: ['reliability'] }],
  weight,
  evaluate: () => undefined,
});

const databases = rule('databases', 'database-administrator', 3);
const backups = rule('backups', 'backup-administrator');
const caches = rule('caches', 'performance-engineer', 1);
const queues = rule('queues-from-config', 'solutions-architect');

const entity = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
});

/** Suggested roles of an entity, each with the rules (and their signal) behind it. */
function evaluation(
  entityRef: string,
  roles: Record<string, Array<[ruleId: string, signal: string]>>,
): StoredEvaluation {
  return {
    entityRef,
    entityEtag: 'e',
    neighbourhoodHash: 'n',
    datasetVersion: 'd',
    ruleConfigHash: 'r',
    evaluatedAt: new Date('2026-12-01T00:00:00Z'),
    result: {
      entityRef,
      roles: Object.entries(roles).map(([roleId, reasons]) => ({
        roleId,
        reasons: reasons.map(([ruleId, signal]) => ({
          ruleId,
          signal,
          message: `${signal} found`,
          entityRefs: [entityRef],
          source: 'own',
          weight: 1,
          pillarIds: ['reliability'],
        })),
      })),
      inspectedEntityRefs: [entityRef],
      ruleIds: [],
    },
  };
}

function decision(
  entityRef: string,
  roleId: string,
  ruleIds: string[],
  answer: Pick<StoredDecision, 'decision' | 'reason' | 'expiresAt'>,
): StoredDecision {
  return {
    entityRef,
    roleId,
    ruleIds,
    decidedBy: 'user:default/owner',
    decidedAt: new Date('2026-11-20T00:00:00Z'),
    ...answer,
  };
}

/**
 * A hand-made history: four entities (one the caller may not read), their suggestions, and the
 * decisions owners made, one of them about a rule that no longer runs.
 */
function history() {
  const evaluations = inMemoryEvaluationStore();
  evaluations.rows.set(
    'system:default/shop',
    evaluation('system:default/shop', {
      'database-administrator': [
        ['databases', 'database'],
        ['databases', 'object-storage'],
      ],
      'backup-administrator': [['backups', 'database']],
    }),
  );
  evaluations.rows.set(
    'component:default/cart',
    evaluation('component:default/cart', {
      'database-administrator': [['databases', 'database']],
      'performance-engineer': [['caches', 'cache']],
    }),
  );
  evaluations.rows.set(
    'component:default/search',
    evaluation('component:default/search', {
      'database-administrator': [['databases', 'database']],
      'backup-administrator': [['backups', 'object-storage']],
    }),
  );
  evaluations.rows.set(
    'system:default/secret',
    evaluation('system:default/secret', {
      'database-administrator': [['databases', 'database']],
    }),
  );
  const decisions = inMemoryDecisionStore([
    decision('system:default/shop', 'database-administrator', ['databases'], {
      decision: 'accepted',
    }),
    decision('system:default/shop', 'backup-administrator', ['backups'], {
      decision: 'dismissed',
      reason: 'covered-elsewhere',
    }),
    // Expired: the suggestion is back, but the dismissal still counts as an answer.
    decision('component:default/cart', 'performance-engineer', ['caches'], {
      decision: 'dismissed',
      reason: 'not-applicable',
      expiresAt: new Date('2026-11-25T00:00:00Z'),
    }),
    decision(
      'component:default/search',
      'backup-administrator',
      ['backups', 'old-rule'],
      { decision: 'dismissed', reason: 'other' },
    ),
    // About an entity the caller may not read: not counted.
    decision('system:default/secret', 'database-administrator', ['databases'], {
      decision: 'dismissed',
      reason: 'not-applicable',
    }),
  ]);
  const catalog = catalogServiceMock({
    entities: [
      entity('System', 'shop'),
      entity('Component', 'cart'),
      entity('Component', 'search'),
    ],
  });
  return { evaluations, decisions, catalog };
}

function feedbackOver(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const { evaluations, decisions, catalog } = history();
  return new RuleFeedback({
    rules: runningRules({
      rules: [databases, backups, caches, queues],
      defaultRules: [databases, backups, caches],
      moduleRules: [],
    }),
    permissions: mockServices.permissions({ result }),
    evaluations,
    decisions,
    catalog,
  });
}

const noDismissals = {
  total: 0,
  'not-applicable': 0,
  'covered-elsewhere': 0,
  other: 0,
};

describe('RuleFeedback', () => {
  it('counts, per rule, the suggestions, the answers by reason and what was left alone, for what the caller may read', async () => {
    const { items } = await feedbackOver().feedback(mockCredentials.user());
    expect(items).toEqual([
      {
        ruleId: 'databases',
        active: true,
        source: 'default',
        weight: 3,
        roles: [
          { roleId: 'database-administrator', pillarIds: ['reliability'] },
        ],
        signals: ['database', 'object-storage'],
        // shop (accepted), cart and search (open); secret is not readable.
        suggestions: 3,
        accepted: 1,
        dismissed: noDismissals,
        leftAlone: 2,
      },
      {
        ruleId: 'backups',
        active: true,
        source: 'default',
        weight: 2,
        roles: [{ roleId: 'backup-administrator', pillarIds: ['reliability'] }],
        signals: ['database', 'object-storage'],
        suggestions: 2,
        accepted: 0,
        dismissed: {
          total: 2,
          'not-applicable': 0,
          'covered-elsewhere': 1,
          other: 1,
        },
        leftAlone: 0,
      },
      {
        ruleId: 'caches',
        active: true,
        source: 'default',
        weight: 1,
        roles: [{ roleId: 'performance-engineer', pillarIds: ['reliability'] }],
        signals: ['cache'],
        suggestions: 1,
        accepted: 0,
        dismissed: { ...noDismissals, total: 1, 'not-applicable': 1 },
        // Its only suggestion was dismissed, even if the dismissal has expired since.
        leftAlone: 0,
      },
      {
        ruleId: 'queues-from-config',
        active: true,
        source: 'config',
        weight: 2,
        roles: [{ roleId: 'solutions-architect', pillarIds: ['reliability'] }],
        signals: [],
        suggestions: 0,
        accepted: 0,
        dismissed: noDismissals,
        leftAlone: 0,
      },
      {
        ruleId: 'old-rule',
        active: false,
        source: 'unknown',
        roles: [],
        signals: [],
        suggestions: 0,
        accepted: 0,
        dismissed: { ...noDismissals, total: 1, other: 1 },
        leftAlone: 0,
      },
    ]);
  });

  it('tells a rule from a backend module', () => {
    expect(
      runningRules({
        rules: [databases, queues],
        defaultRules: [databases],
        moduleRules: [queues],
      }).map(r => [r.rule.id, r.source]),
    ).toEqual([
      ['databases', 'default'],
      ['queues-from-config', 'module'],
    ]);
  });

  it('refuses a caller without the read permission, naming it', async () => {
    await expect(
      feedbackOver(AuthorizeResult.DENY).feedback(mockCredentials.user()),
    ).rejects.toThrow(
      new NotAllowedError(
        "Reading the rule feedback needs the permission 'well-architected.rule-feedback.read'",
      ),
    );
  });
});
