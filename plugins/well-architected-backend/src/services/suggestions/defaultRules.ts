import { PillarId } from 'backstage-plugin-well-architected-common';
import {
  RuleEvidence,
  Signal,
  SuggestionContext,
  SuggestionRule,
} from 'backstage-plugin-well-architected-node';
import { isSystemRef } from '../entityRefs';
import { SHARED_CONTRACT } from '../signals/readSignals';
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
 * The evidence of `ids`, but only when a signal of each list in `alongWith` fired too, and then
 * with theirs.
 */
function together(
  context: SuggestionContext,
  ids: string[],
  alongWith: string[][],
  accept?: (signal: Signal) => boolean,
): RuleEvidence[] | undefined {
  const found = [
    signalEvidence(context, ids, accept),
    ...alongWith.map(list => signalEvidence(context, list)),
  ];
  return found.some(list => list.length === 0) ? undefined : found.flat();
}

/** A production service or website: what people use, sign in to and call about. */
const usedByPeople = (signal: Signal) =>
  signal.id === 'production-workload' &&
  (signal.detail === 'service' || signal.detail === 'website');

/** The entities a signal names, across the signals of the given ids. */
function refsOf(context: SuggestionContext, ids: string[]): Set<string> {
  return new Set(
    context.signals.filter(s => ids.includes(s.id)).flatMap(s => s.entityRefs),
  );
}

/**
 * Evidence of `ids` only from the entities that also carry one of `sameEntity`: for facts that
 * only mean something together on one entity, like a website and its exposure.
 */
function onSameEntity(
  context: SuggestionContext,
  ids: string[],
  sameEntity: string[],
): RuleEvidence[] {
  const refs = refsOf(context, sameEntity);
  return signalEvidence(context, ids, s => s.entityRefs.some(r => refs.has(r)));
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
    // Monitoring and error tracking say nothing alone, but back a production workload up. A
    // staff-only tool (a service or website staff use) that nobody is paged for is fixed in
    // working hours, not run by an SRE; a pipeline feeds others, whoever it belongs to.
    evaluate: context => {
      const internal = refsOf(context, ['internal-only']);
      const systemWide = [...internal].some(isSystemRef);
      const paged = refsOf(context, ['on-call']);
      const production = signalEvidence(
        context,
        ['production-workload'],
        s =>
          !usedByPeople(s) ||
          s.entityRefs.some(
            r => paged.has(r) || !(systemWide || internal.has(r)),
          ),
      );
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
  ]),
  {
    id: 'user-support',
    roles: [
      { roleId: 'support-engineer', pillarIds: ['operational-excellence'] },
    ],
    weight: 2,
    // People call support about what they use: a service or website, not a pipeline behind it.
    evaluate: context => {
      const users = new Set(
        context.signals.filter(usedByPeople).flatMap(s => s.entityRefs),
      );
      const onCall = signalEvidence(context, ['on-call'], s =>
        s.entityRefs.some(r => users.has(r)),
      );
      return onCall.length === 0 ? undefined : onCall;
    },
  },
  onSignals('databases', ['database'], 3, [
    ['database-administrator', ['performance-efficiency']],
    ['backup-administrator', ['reliability']],
  ]),
  onSignals('data-warehouses', ['data-warehouse'], 2, [
    ['data-steward', ['security', 'sustainability']],
  ]),
  {
    id: 'data-retirement',
    roles: [{ roleId: 'data-steward', pillarIds: ['security'] }],
    weight: 2,
    // Retiring a store of regulated data means deciding what must be kept, and for how long.
    evaluate: context =>
      together(
        context,
        ['deprecated'],
        [
          ['database', 'object-storage'],
          ['regulated', 'personal-data'],
        ],
      ),
  },
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
  // Running on a cluster is the platform's business; owning the fleet is capacity and a bill.
  onSignals('compute-clusters', ['compute-cluster'], 2, [
    ['devops-engineer', ['operational-excellence', 'reliability']],
    ['finops-analyst', ['cost-optimization']],
    ['cloud-architect', ['sustainability']],
  ]),
  {
    id: 'container-delivery',
    roles: [
      {
        roleId: 'devops-engineer',
        pillarIds: ['operational-excellence', 'reliability'],
      },
    ],
    weight: 2,
    // The delivery pipeline matters once something is in production, not while it is tried out.
    evaluate: context => {
      const production = refsOf(context, ['production-workload']);
      const found = signalEvidence(
        context,
        ['kubernetes', 'gitops-delivery'],
        s => s.entityRefs.some(r => production.has(r)),
      );
      return found.length === 0 ? undefined : found;
    },
  },
  onSignals('public-apis', ['public-contract'], 3, [
    ['api-product-owner', ['reliability']],
  ]),
  {
    id: 'published-apis',
    roles: [{ roleId: 'security-architect', pillarIds: ['security'] }],
    weight: 3,
    // An API published beyond the company is an attack surface. One that only other Systems of
    // the company call is a trust boundary when it opens a system of record or regulated data,
    // and otherwise a contract to keep, not an edge to design.
    evaluate: context => {
      const published = signalEvidence(
        context,
        ['public-contract'],
        s => s.detail !== SHARED_CONTRACT,
      );
      if (published.length > 0) {
        return published;
      }
      return together(
        context,
        ['public-contract'],
        [['database', 'regulated']],
      );
    },
  },
  onSignals('identity', ['identity'], 3, [
    ['iam-administrator', ['security']],
    ['security-engineer', ['security']],
  ]),
  // Whoever can change what a build system publishes can ship code to every user.
  onSignals('build-infrastructure', ['build-infrastructure'], 2, [
    ['security-engineer', ['security']],
    ['devops-engineer', ['operational-excellence']],
  ]),
  onSignals('card-data', ['card-data'], 3, [
    ['security-engineer', ['security']],
  ]),
  onSignals('latency-critical', ['latency-critical'], 2, [
    ['performance-engineer', ['performance-efficiency']],
  ]),
  {
    id: 'global-real-time',
    roles: [
      { roleId: 'network-architect', pillarIds: ['performance-efficiency'] },
    ],
    weight: 2,
    // Real-time traffic served from several regions lives or dies by the network path.
    evaluate: context =>
      together(context, ['latency-critical'], [['multi-region']]),
  },
  onSignals('internet-facing', ['internet-facing'], 2, [
    ['security-architect', ['security']],
  ]),
  {
    id: 'internal-tools',
    roles: [
      { roleId: 'iam-administrator', pillarIds: ['security'] },
      { roleId: 'security-architect', pillarIds: ['security'] },
    ],
    weight: 2,
    // A staff-only web tool in production is guarded by who may sign in, not by the edge. An
    // internal service is called by other services and a pipeline by nobody: no sign-in to guard.
    evaluate: context => {
      const production = refsOf(context, ['production-workload']);
      const internal = refsOf(context, ['internal-only']);
      const systemWide = [...internal].some(isSystemRef);
      const sites = signalEvidence(context, ['website'], s =>
        s.entityRefs.some(
          r => production.has(r) && (systemWide || internal.has(r)),
        ),
      );
      return sites.length === 0
        ? undefined
        : [...signalEvidence(context, ['internal-only']), ...sites];
    },
  },
  {
    id: 'staff-data-access',
    roles: [
      { roleId: 'data-protection-officer', pillarIds: ['security'] },
      { roleId: 'compliance-officer', pillarIds: ['security'] },
    ],
    weight: 2,
    // Staff reading customers' regulated data through a tool is access to review; customers
    // reading their own through a product are in the provider's scope already.
    evaluate: context =>
      together(context, ['consumes-regulated-data'], [['internal-only']]),
  },
  // Protection rules for the grid and plants (NERC CIP, IEC 62443) ask for a security perimeter,
  // zoned networks and reviewed access to every system in scope.
  onSignals('critical-infrastructure', ['critical-infrastructure'], 3, [
    ['security-architect', ['security']],
    ['network-architect', ['security', 'reliability']],
    ['iam-administrator', ['security']],
  ]),
  // Devices in the field (meters, chargers, vehicles) each hold keys and take commands: their
  // identity, firmware and command path are designed and tested like an edge.
  onSignals('connected-devices', ['connected-devices'], 2, [
    ['security-architect', ['security']],
    ['security-engineer', ['security']],
  ]),
  // A gateway, WAF, CDN or load balancer is the network path every request takes in.
  onSignals('network-edge', ['network-edge'], 2, [
    ['network-architect', ['performance-efficiency', 'reliability']],
    ['security-engineer', ['security']],
  ]),
  onSignals('change-control', ['change-controlled'], 2, [
    ['change-manager', ['operational-excellence']],
  ]),
  onSignals('regulated-data', ['regulated'], 3, [
    ['compliance-officer', ['security', 'reliability']],
  ]),
  onSignals('personal-data', ['personal-data'], 3, [
    ['data-protection-officer', ['security']],
  ]),
  // Health, biometric and similar data: lawful basis, minimisation and access all need an owner.
  onSignals('special-category-data', ['special-category-data'], 3, [
    ['compliance-officer', ['security']],
    ['data-steward', ['security']],
    ['data-protection-officer', ['security']],
    ['security-architect', ['security']],
    ['security-engineer', ['security']],
  ]),
  // Data that leaves the organisation needs someone to decide what goes and in what form.
  onSignals('data-sharing', ['data-sharing'], 2, [
    ['data-steward', ['security']],
    ['compliance-officer', ['security']],
  ]),
  // An accessibility commitment is kept by testing against it, release after release.
  onSignals('accessibility', ['accessibility'], 2, [
    ['quality-assurance-engineer', ['operational-excellence']],
  ]),
  // Hosts of one's own (a data centre, a mainframe) are patched and run by people, not a cloud.
  onSignals('self-hosted', ['self-hosted'], 2, [
    ['system-administrator', ['operational-excellence', 'reliability']],
  ]),
  // A file drop across the boundary holds keys and moves whole files of data at once.
  onSignals('file-transfers', ['file-transfer'], 2, [
    ['security-engineer', ['security']],
  ]),
  // Misuse investigations rest on the audit trail being kept as evidence.
  onSignals('audit-trails', ['audit-trail'], 2, [
    ['forensic-specialist', ['security']],
  ]),
  {
    id: 'profiling',
    roles: [{ roleId: 'data-governance-officer', pillarIds: ['security'] }],
    weight: 2,
    // A model that learns from or scores people decides about them: someone governs what it uses.
    evaluate: context =>
      together(context, ['machine-learning'], [['personal-data']]),
  },
  {
    id: 'public-sign-in',
    roles: [{ roleId: 'soc-analyst', pillarIds: ['security'] }],
    weight: 2,
    // Sign-in open to the internet is where account takeover starts: someone watches for it.
    evaluate: context => together(context, ['identity'], [['internet-facing']]),
  },
  {
    id: 'exposed-personal-data',
    roles: [{ roleId: 'security-engineer', pillarIds: ['security'] }],
    weight: 2,
    // Personal data reachable from the internet is what attackers come for: test and harden it.
    evaluate: context =>
      together(context, ['internet-facing'], [['personal-data']]),
  },
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
  {
    id: 'documentation',
    roles: [{ roleId: 'technical-writer', pillarIds: ['reliability'] }],
    weight: 1,
    // Docs alone need no writer; docs of an API published to outside developers do.
    evaluate: context =>
      together(
        context,
        ['public-contract'],
        [['documentation']],
        s => s.detail !== SHARED_CONTRACT,
      ),
  },
  onSignals('business-critical', ['business-critical'], 2, [
    ['disaster-recovery-manager', ['reliability']],
    ['business-continuity-planner', ['reliability']],
  ]),
  onSignals('data-workloads', ['data-processing'], 2, [
    ['data-engineer', ['performance-efficiency', 'sustainability']],
  ]),
  {
    id: 'analytics',
    roles: [{ roleId: 'data-analyst', pillarIds: ['performance-efficiency'] }],
    weight: 2,
    // Analysts work where analytics data is queried or shown, not where it is collected.
    evaluate: context =>
      together(context, ['analytics'], [['data-warehouse', 'website']]),
  },
  {
    id: 'analytics-platform',
    roles: [
      { roleId: 'data-architect', pillarIds: ['performance-efficiency'] },
    ],
    weight: 2,
    // Pipelines that load a warehouse for analysts need someone to model what they load.
    evaluate: context =>
      together(
        context,
        ['data-processing'],
        [['data-warehouse'], ['analytics']],
      ),
  },
  onSignals('shipped-clients', ['shipped-client'], 2, [
    ['release-manager', ['operational-excellence']],
    ['quality-assurance-engineer', ['reliability']],
    ['performance-engineer', ['performance-efficiency']],
  ]),
  onSignals('libraries', ['library'], 1, [
    ['quality-assurance-engineer', ['reliability']],
  ]),
  // Code that others build on or install is judged by its code alone: no service runs it for them.
  onSignals('shipped-code', ['library', 'shipped-client'], 1, [
    ['software-developer', ['operational-excellence']],
  ]),
  onSignals('legacy-websites', ['legacy-website'], 2, [
    ['security-engineer', ['security']],
  ]),
  {
    id: 'websites',
    roles: [
      { roleId: 'performance-engineer', pillarIds: ['performance-efficiency'] },
      { roleId: 'cloud-architect', pillarIds: ['sustainability'] },
    ],
    weight: 1,
    // Page speed matters where the public loads the pages; a staff tool is not measured so.
    evaluate: context => {
      const found = [
        ...onSameEntity(context, ['website'], ['internet-facing']),
        ...signalEvidence(context, ['web-performance']),
      ];
      return found.length === 0 ? undefined : found;
    },
  },
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
