import fs from 'fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { isSystemEntity, stringifyEntityRef } from '@backstage/catalog-model';
import { PILLAR_IDS } from 'backstage-plugin-well-architected-common';
import {
  RuleEvidence,
  Signal,
  SuggestionContext,
  SuggestionRule,
} from 'backstage-plugin-well-architected-node';
import { isSystemRef } from '../entityRefs';
import { SHARED_CONTRACT } from '../signals/readSignals';
import { parse } from 'yaml';
import { z } from 'zod';
import { signalEvidence } from './evidence';

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
 * Whether an entity carries one of the signals `ids`, itself or through its System: a signal on
 * the System itself (an `internal-only` System) holds for every part of it.
 */
function carriedBy(
  context: SuggestionContext,
  ids: string[],
): (ref: string) => boolean {
  const refs = refsOf(context, ids);
  const systemWide = [...refs].some(isSystemRef);
  return ref => systemWide || refs.has(ref);
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
 * How the rules without `signals` in the rule table decide, by rule id: each reads signals (see
 * `../signals/vocabulary.ts`), never raw catalog strings.
 */
const EVALUATIONS: Record<string, SuggestionRule['evaluate']> = {
  // Monitoring and error tracking say nothing alone, but back a production workload up. A
  // staff-only tool (a service or website staff use) that nobody is paged for is fixed in
  // working hours, not run by an SRE; a pipeline feeds others, whoever it belongs to.
  'production-workloads': context => {
    const internal = carriedBy(context, ['internal-only']);
    const paged = refsOf(context, ['on-call']);
    const production = signalEvidence(
      context,
      ['production-workload'],
      s =>
        !usedByPeople(s) ||
        s.entityRefs.some(r => paged.has(r) || !internal(r)),
    );
    return production.length === 0
      ? undefined
      : [
          ...production,
          ...signalEvidence(context, ['monitoring', 'error-tracking']),
        ];
  },
  // The public calls support about what it uses: a service or website open to the internet (by
  // itself or its whole System), not a pipeline behind it nor a tool staff use, whose users ask
  // their own colleagues.
  'user-support': context => {
    const users = new Set(
      context.signals.filter(usedByPeople).flatMap(s => s.entityRefs),
    );
    const supported = new Set(
      [...users].filter(carriedBy(context, ['internet-facing'])),
    );
    const onCall = signalEvidence(context, ['on-call'], s =>
      s.entityRefs.some(r => supported.has(r)),
    );
    const paged = refsOf(context, ['on-call']);
    return onCall.length === 0
      ? undefined
      : [
          ...onCall,
          ...signalEvidence(context, ['internet-facing'], s =>
            s.entityRefs.some(
              r => isSystemRef(r) || (supported.has(r) && paged.has(r)),
            ),
          ),
        ];
  },
  // Backups keep what is live: the stores of an experiment or a pilot alone are rebuilt, not
  // restored. A store next to anything live, or on its way out, is backed up, and planned for
  // the System that keeps it (the rule table's `kind: system`).
  backups: context => {
    const trying = refsOf(context, ['experimental', 'limited-release']);
    const components = context.parts
      .filter(e => e.kind.toLocaleLowerCase('en') === 'component')
      .map(e => stringifyEntityRef(e));
    if (components.length > 0 && components.every(r => trying.has(r))) {
      return undefined;
    }
    return signalEvidence(context, ['database', 'object-storage']);
  },
  // Retiring a store of regulated data means deciding what must be kept, and for how long.
  'data-retirement': context =>
    together(
      context,
      ['deprecated'],
      [
        ['database', 'object-storage'],
        ['regulated', 'personal-data'],
      ],
    ),
  // The delivery pipeline matters once something is in production, not while it is tried out.
  'container-delivery': context => {
    const production = refsOf(context, ['production-workload']);
    const found = signalEvidence(
      context,
      ['kubernetes', 'gitops-delivery'],
      s => s.entityRefs.some(r => production.has(r)),
    );
    return found.length === 0 ? undefined : found;
  },
  // An API published beyond the company is an attack surface. One that only other Systems of
  // the company call is a trust boundary when it opens a system of record or regulated data,
  // and otherwise a contract to keep, not an edge to design.
  'published-apis': context => {
    const published = signalEvidence(
      context,
      ['public-contract'],
      s => s.detail !== SHARED_CONTRACT,
    );
    if (published.length > 0) {
      return published;
    }
    return together(context, ['public-contract'], [['database', 'regulated']]);
  },
  // A critical System is recovered as a whole; of its Components, those that keep data are
  // restored, and the rest are deployed again.
  'business-critical': context =>
    isSystemEntity(context.entity)
      ? signalEvidence(context, ['business-critical'])
      : together(
          context,
          ['business-critical'],
          [['database', 'object-storage']],
        ),
  // Real-time traffic served from several regions lives or dies by the network path.
  'global-real-time': context =>
    together(context, ['latency-critical'], [['multi-region']]),
  // A staff-only web tool in production is guarded by who may sign in, not by the edge. An
  // internal service is called by other services and a pipeline by nobody: no sign-in to guard.
  'internal-tools': context => {
    const production = refsOf(context, ['production-workload']);
    const internal = carriedBy(context, ['internal-only']);
    const sites = signalEvidence(context, ['website'], s =>
      s.entityRefs.some(r => production.has(r) && internal(r)),
    );
    return sites.length === 0
      ? undefined
      : [...signalEvidence(context, ['internal-only']), ...sites];
  },
  // Staff reading customers' regulated data through a tool is access to review; customers
  // reading their own through a product are in the provider's scope already.
  'staff-data-access': context =>
    together(context, ['consumes-regulated-data'], [['internal-only']]),
  // A model that learns from or scores people decides about them: someone governs what it uses.
  profiling: context =>
    together(context, ['machine-learning'], [['personal-data']]),
  // Sign-in open to the internet is where account takeover starts: someone watches for it.
  'public-sign-in': context =>
    together(context, ['identity'], [['internet-facing']]),
  // Personal data reachable from the internet is what attackers come for: test and harden it.
  'exposed-personal-data': context =>
    together(context, ['internet-facing'], [['personal-data']]),
  // Docs alone need no writer; docs of an API published to outside developers do.
  documentation: context =>
    together(
      context,
      ['public-contract'],
      [['documentation']],
      s => s.detail !== SHARED_CONTRACT,
    ),
  // Analysts work where analytics data is queried or shown, not where it is collected.
  analytics: context =>
    together(context, ['analytics'], [['data-warehouse', 'website']]),
  // Pipelines that load a warehouse for analysts need someone to model what they load.
  'analytics-platform': context =>
    together(context, ['data-processing'], [['data-warehouse'], ['analytics']]),
  // Page speed matters where the public loads the pages; a staff tool is not measured so.
  websites: context => {
    const found = [
      ...onSameEntity(context, ['website'], ['internet-facing']),
      ...signalEvidence(context, ['web-performance']),
    ];
    return found.length === 0 ? undefined : found;
  },
};

const ruleRow = z.strictObject({
  id: z.string(),
  weight: z.number().int().positive(),
  kind: z.literal('system').optional(),
  signals: z.array(z.string()).nonempty().optional(),
  roles: z.record(z.string(), z.array(z.enum(PILLAR_IDS)).nonempty()),
});

/**
 * The rules of a rule table (`rules/default-rules.yaml`), in its order: a row with `signals` fires
 * on any of them, with one reason per signal that fired; a row without has its evaluation in
 * `evaluations` under its id. A row of `kind: system` answers for Systems only.
 */
export function readRuleTable(
  yamlText: string,
  evaluations: Record<string, SuggestionRule['evaluate']> = EVALUATIONS,
): SuggestionRule[] {
  const rows = z.array(ruleRow).parse(parse(yamlText));
  const unused = Object.keys(evaluations).filter(
    id => !rows.some(row => row.id === id && !row.signals),
  );
  if (unused.length > 0) {
    throw new Error(`No rule row without signals for ${unused.join(', ')}`);
  }
  return rows.map(({ id, weight, kind, signals, roles }) => {
    const decide: SuggestionRule['evaluate'] | undefined = signals
      ? context => signalEvidence(context, signals)
      : evaluations[id];
    if (!decide) {
      throw new Error(`Rule ${id} has neither signals nor an evaluation`);
    }
    const evaluate: SuggestionRule['evaluate'] =
      kind === 'system'
        ? context =>
            isSystemEntity(context.entity) ? decide(context) : undefined
        : decide;
    return {
      id,
      roles: Object.entries(roles).map(([roleId, pillarIds]) => ({
        roleId,
        pillarIds,
      })),
      weight,
      evaluate,
    };
  });
}

/**
 * The rules that ship with the plugin. Every pillar is served by at least one. No rule suggests a
 * production role from an experimental or deprecated lifecycle: `production-workload` fires only
 * on a production lifecycle.
 */
export const defaultSuggestionRules: SuggestionRule[] = readRuleTable(
  fs.readFileSync(
    resolvePackagePath(
      'backstage-plugin-well-architected-backend',
      'rules/default-rules.yaml',
    ),
    'utf8',
  ),
);
