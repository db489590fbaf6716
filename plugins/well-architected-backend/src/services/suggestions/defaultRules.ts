import { PillarId } from 'backstage-plugin-well-architected-common';
import { SuggestionRule } from 'backstage-plugin-well-architected-node';
import { signalEvidence } from './evidence';

/** A rule that fires on any of the given signals, with one reason per signal that fired. */
function onSignals(
  id: string,
  signals: string[],
  weight: number,
  roles: Array<[string, PillarId[]]>,
): SuggestionRule {
  return {
    id,
    roles: roles.map(([roleId, pillarIds]) => ({ roleId, pillarIds })),
    weight,
    evaluate: context => signalEvidence(context, signals),
  };
}

/**
 * The rules that ship with the plugin. They read signals (see `../signals/vocabulary.ts`), never
 * raw catalog strings. Every pillar is served by at least one. No rule suggests a production role
 * from an experimental or deprecated lifecycle: `production-workload` fires only on a production
 * lifecycle.
 */
export const defaultSuggestionRules: SuggestionRule[] = [
  {
    id: 'production-workloads',
    roles: [
      {
        roleId: 'site-reliability-engineer',
        pillarIds: ['operational-excellence', 'reliability'],
      },
      {
        roleId: 'incident-response-manager',
        pillarIds: ['reliability', 'security'],
      },
    ],
    weight: 3,
    // Monitoring and error tracking say nothing alone, but back a production workload up.
    evaluate: context => {
      const production = signalEvidence(context, ['production-workload']);
      return production.length === 0
        ? undefined
        : [
            ...production,
            ...signalEvidence(context, ['monitoring', 'error-tracking']),
          ];
    },
  },
  onSignals('on-call', ['on-call'], 2, [
    ['incident-response-manager', ['operational-excellence']],
    ['support-engineer', ['operational-excellence']],
  ]),
  onSignals('databases', ['database'], 3, [
    ['database-administrator', ['performance-efficiency']],
    ['backup-administrator', ['reliability']],
  ]),
  onSignals('object-storage', ['object-storage'], 2, [
    ['data-steward', ['security', 'sustainability']],
    ['backup-administrator', ['reliability']],
  ]),
  onSignals('message-queues', ['messaging'], 2, [
    ['solutions-architect', ['reliability']],
  ]),
  onSignals('caches', ['cache'], 1, [
    ['performance-engineer', ['performance-efficiency']],
  ]),
  onSignals(
    'compute-clusters',
    ['compute-cluster', 'kubernetes', 'gitops-delivery'],
    2,
    [
      ['devops-engineer', ['operational-excellence', 'reliability']],
      ['infrastructure-architect', ['sustainability']],
    ],
  ),
  onSignals('public-apis', ['public-contract'], 3, [
    ['api-product-owner', ['reliability']],
    ['security-architect', ['security']],
  ]),
  onSignals('internet-facing', ['internet-facing'], 2, [
    ['security-architect', ['security']],
  ]),
  onSignals('regulated-data', ['regulated'], 3, [
    ['compliance-officer', ['security', 'reliability']],
  ]),
  onSignals('personal-data', ['personal-data'], 3, [
    ['data-protection-officer', ['security']],
  ]),
  onSignals('cost-allocation', ['cost-allocation'], 2, [
    ['finops-analyst', ['cost-optimization']],
    ['cloud-financial-manager', ['cost-optimization']],
  ]),
  onSignals('secrets', ['secrets'], 2, [
    ['iam-administrator', ['security']],
    ['security-engineer', ['security']],
  ]),
  onSignals('security-scanning', ['security-scanning'], 1, [
    ['security-engineer', ['security']],
  ]),
  onSignals('code-quality', ['code-quality'], 1, [
    ['quality-assurance-engineer', ['operational-excellence']],
  ]),
  onSignals('documentation', ['documentation'], 1, [
    ['technical-writer', ['reliability']],
  ]),
  onSignals('business-critical', ['business-critical'], 2, [
    ['disaster-recovery-manager', ['reliability']],
    ['business-continuity-planner', ['reliability']],
  ]),
  onSignals('data-workloads', ['data-processing'], 2, [
    ['data-engineer', ['performance-efficiency', 'sustainability']],
  ]),
  onSignals('websites', ['website', 'web-performance'], 1, [
    ['performance-engineer', ['performance-efficiency']],
    ['cloud-architect', ['sustainability']],
  ]),
  onSignals('serverless', ['serverless'], 1, [
    ['cloud-engineer', ['performance-efficiency', 'cost-optimization']],
  ]),
  onSignals('retirement', ['deprecated'], 2, [
    ['change-manager', ['operational-excellence']],
  ]),
  onSignals('pre-production', ['experimental'], 1, [
    ['solutions-architect', ['reliability']],
  ]),
];
