import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { startApiServer } from './apiBackend';
import { CoverageTotals } from 'backstage-plugin-well-architected-common';
import { group } from './exampleEntities';
import {
  admin,
  hidingCatalogFactory,
  policyPermissionsFactory,
  restricted,
} from './policyServices';
import { defaultSuggestionRules } from '../services/suggestions/defaultRules';

// `admin` may read the whole catalog; `restricted` may not read s-hidden nor hidden-team.
export { admin, restricted };

const relations = (pairs: Array<[string, string]>) =>
  pairs.map(([type, targetRef]) => ({ type, targetRef }));

function system(
  name: string,
  options: {
    owner: string;
    tags?: string[];
    title?: string;
    labels?: Record<string, string>;
  },
  pairs: Array<[string, string]> = [],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name,
      namespace: 'default',
      tags: options.tags ?? [],
      ...(options.title && { title: options.title }),
      ...(options.labels && { labels: options.labels }),
    },
    spec: { owner: options.owner },
    relations: relations([
      ['ownedBy', `group:default/${options.owner}`],
      ...pairs,
    ]),
  };
}

/**
 * A catalog small enough to compute by hand. The rules are three tag rules (the default rules are
 * disabled): `sec-one` asks for a Security Architect, whom team-a's annotation holds; `sec-two`
 * for a Security Engineer, whom nobody holds; `rel` for a Site Reliability Engineer, whom only
 * hidden-team holds. team-a is inside org; team-b is not. Each team has a member: a group with
 * nobody to ask is no reviewer.
 */
export const coverageEntities: Entity[] = [
  group('org', undefined, [['parentOf', 'group:default/team-a']]),
  group('team-a', 'security-architect', [
    ['childOf', 'group:default/org'],
    ['hasMember', 'user:default/ann'],
  ]),
  group('team-b', undefined, [['hasMember', 'user:default/ben']]),
  group('hidden-team', 'site-reliability-engineer', [
    ['hasMember', 'user:default/hal'],
  ]),
  ...['ann:team-a', 'ben:team-b', 'hal:hidden-team'].map((pair): Entity => {
    const [name, team] = pair.split(':');
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name, namespace: 'default' },
      spec: {},
      relations: relations([['memberOf', `group:default/${team}`]]),
    };
  }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'commerce', namespace: 'default' },
    spec: { owner: 'group:default/org' },
    relations: relations([
      ['ownedBy', 'group:default/org'],
      ['hasPart', 'system:default/s-covered'],
      ['hasPart', 'system:default/s-gap'],
    ]),
  },
  system(
    's-covered',
    { owner: 'team-a', tags: ['sec-one', 'rel'], labels: { tier: 'Tier-1' } },
    [['partOf', 'domain:default/commerce']],
  ),
  system(
    's-partly',
    {
      owner: 'team-b',
      tags: ['sec-one', 'sec-two'],
      labels: { 'acme.io/service-tier': 'tier-2' },
    },
    [['hasPart', 'component:default/partly-api']],
  ),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'partly-api', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-b' },
    relations: relations([
      ['ownedBy', 'group:default/team-b'],
      ['partOf', 'system:default/s-partly'],
    ]),
  },
  system(
    's-gap',
    { owner: 'org', tags: ['sec-two'], title: 'Billing Gateway' },
    [['partOf', 'domain:default/commerce']],
  ),
  system('s-none', { owner: 'team-b' }),
  system('s-hidden', {
    owner: 'team-a',
    tags: ['sec-two'],
    labels: { tier: 'tier-0' },
  }),
];

const tagRule = (id: string, tag: string, role: string, pillar: string) => ({
  id,
  match: { tags: [tag] },
  role,
  pillar,
  message: `tagged ${tag}`,
});

/** The three tag rules of the hand-computed catalog, instead of the default rules. */
export const coverageConfig = {
  wellArchitected: {
    suggestions: {
      disabledRules: defaultSuggestionRules.map(r => r.id),
      rules: [
        tagRule('sec-one', 'sec-one', 'security-architect', 'security'),
        tagRule('sec-two', 'sec-two', 'security-engineer', 'security'),
        tagRule('rel', 'rel', 'site-reliability-engineer', 'reliability'),
      ],
    },
  },
};

/** Totals of a pillar, in the order covered, partly, gap, not needed. */
export const totals = (
  pillarId: string,
  [covered, partly, gap, notNeeded]: number[],
): CoverageTotals =>
  ({ pillarId, covered, partly, gap, notNeeded } as CoverageTotals);

/** Totals of a pillar where no System needs a role. */
export const quiet = (pillarId: string, systems: number) =>
  totals(pillarId, [0, 0, 0, systems]);

/**
 * The catalog of the hand-computed coverage, which hides s-hidden and hidden-team from
 * `restricted`, and a permission policy that says so (the coverage asks the catalog about a
 * caller only when the policy does not let it read everything).
 */
export const coverageCatalogFactories = () => [
  policyPermissionsFactory({ hidesFrom: restricted }),
  hidingCatalogFactory({
    entities: coverageEntities,
    hidden: ['system:default/s-hidden', 'group:default/hidden-team'],
    from: restricted,
  }),
];

/**
 * The plugin over the hand-computed catalog and its rules, on `knex`; a round runs at start, so
 * the evaluation is stored before the first request.
 */
export const startCoverageServer = (knex: Knex) =>
  startApiServer([
    mockServices.database.factory({ knex }),
    mockServices.rootConfig.factory({ data: coverageConfig }),
    mockServices.scheduler.factory({
      includeInitialDelayedTasksOnStartup: true,
    }),
    ...coverageCatalogFactories(),
  ]);
