import { ConfigReader } from '@backstage/config';
import {
  RuleEvidence,
  SuggestionRule,
} from 'backstage-plugin-well-architected-node';
import {
  api,
  component,
  context,
  neighbourhood,
  resource,
  system,
} from '../../__testUtils__/ruleContexts';
import { configureVocabulary } from '../signals/configureVocabulary';
import { readSignals } from '../signals/readSignals';
import { SignalVocabulary, defaultVocabulary } from '../signals/vocabulary';
import { configureRules } from './configureRules';
import { defaultSuggestionRules } from './defaultRules';

/** The first item of what a rule found. */
const first = (found: RuleEvidence | RuleEvidence[] | undefined) =>
  Array.isArray(found) ? found[0] : found;

const KNOWN_ROLES = new Set(
  defaultSuggestionRules.flatMap(r => r.roles.map(role => role.roleId)),
);

function configure(
  suggestions: object | undefined,
  rules: SuggestionRule[] = defaultSuggestionRules,
) {
  return configureRules({
    config: new ConfigReader(
      suggestions === undefined ? {} : { wellArchitected: { suggestions } },
    ),
    rules,
    hasRole: roleId => KNOWN_ROLES.has(roleId),
  });
}

function configuredRule(rule: object) {
  const rules = configure({ rules: [rule] });
  return rules[rules.length - 1];
}

const grpcRule = {
  id: 'grpc-services',
  match: { kind: ['Component'], tags: ['grpc'] },
  role: 'performance-engineer',
  pillar: 'performance-efficiency',
  message: 'serves gRPC: {entities} ({count})',
};

describe('configureRules', () => {
  it('runs the given rules unchanged when nothing is configured', () => {
    expect(configure(undefined)).toEqual(defaultSuggestionRules);
  });

  it('leaves out disabled rules', () => {
    const ids = configure({ disabledRules: ['on-call', 'websites'] }).map(
      r => r.id,
    );
    expect(ids).not.toContain('on-call');
    expect(ids).not.toContain('websites');
    expect(ids).toHaveLength(defaultSuggestionRules.length - 2);
  });

  it('changes the weight of a rule and keeps what it finds', () => {
    const rule = configure({ weights: { databases: 7 } }).find(
      r => r.id === 'databases',
    )!;
    expect(rule.weight).toBe(7);
    expect(
      first(
        rule.evaluate(
          context(component('svc'), {
            resources: [resource('orders-db', 'database')],
          }),
        ),
      )?.message,
    ).toBe('stores data in a database');
  });

  describe('a declarative rule', () => {
    it('suggests its role for its pillar with the given message', () => {
      const rule = configuredRule(grpcRule);
      expect(rule).toMatchObject({
        id: 'grpc-services',
        weight: 1,
        roles: [
          {
            roleId: 'performance-engineer',
            pillarIds: ['performance-efficiency'],
          },
        ],
      });
      const svc = component('quotes', { metadata: { tags: ['GRPC'] } });
      expect(rule.evaluate(context(svc))).toEqual({
        signal: 'configured-match',
        message: 'serves gRPC: quotes (1)',
        entityRefs: ['component:default/quotes'],
      });
    });

    it('needs every entity criterion to hold for one entity', () => {
      const rule = configuredRule({
        ...grpcRule,
        match: { type: ['service'], lifecycle: ['production'], tags: ['grpc'] },
      });
      const experimental = component('quotes', {
        metadata: { tags: ['grpc'] },
        spec: { lifecycle: 'experimental' },
      });
      expect(rule.evaluate(context(experimental))).toBeUndefined();
      expect(rule.evaluate(context(component('plain')))).toBeUndefined();
    });

    it('matches annotations by key, and APIs the entity provides', () => {
      const rule = configuredRule({
        ...grpcRule,
        match: { kind: ['API'], tags: ['partner'] },
        message: 'provides partner APIs: {entities}',
      });
      expect(
        rule.evaluate(
          context(component('svc'), { providedApis: [api('quotes-api')] }),
        ),
      ).toBeUndefined();
      expect(
        first(
          rule.evaluate(
            context(component('svc'), {
              providedApis: [api('quotes-api', ['partner'])],
            }),
          ),
        )?.message,
      ).toBe('provides partner APIs: quotes-api');

      const annotated = configuredRule({
        ...grpcRule,
        match: { annotations: ['example.com/owner-slack'] },
      });
      const svc = component('svc', {
        metadata: { annotations: { 'example.com/owner-slack': '#team' } },
      });
      expect(first(annotated.evaluate(context(svc)))?.entityRefs).toEqual([
        'component:default/svc',
      ]);
      expect(annotated.evaluate(context(component('other')))).toBeUndefined();
    });

    it('needs a Resource of a listed type when resourceTypes is given', () => {
      const rule = configuredRule({
        ...grpcRule,
        match: { type: ['service'], resourceTypes: ['redis'] },
        message: '{count} entities use Redis: {entities}',
      });
      expect(rule.evaluate(context(component('svc')))).toBeUndefined();
      expect(
        rule.evaluate(
          context(component('svc'), {
            resources: [resource('cache', 'redis')],
          }),
        ),
      ).toEqual({
        signal: 'configured-match',
        message: '2 entities use Redis: svc and cache',
        entityRefs: ['component:default/svc', 'resource:default/cache'],
      });
    });

    it('matches signals by name, however the catalog spells them and wherever they were read', () => {
      const rule = configuredRule({
        ...grpcRule,
        match: { signals: ['regulated', 'change-controlled'] },
        message: 'audited: {entities}',
      });
      const inSystem = context(component('ledger'), {
        system: system('finance', { tags: ['SOX'] }),
      });
      expect(rule.evaluate(inSystem)).toEqual({
        signal: 'configured-match',
        message: 'audited: finance',
        entityRefs: ['system:default/finance'],
      });
      const labelled = component('ledger', {
        metadata: { labels: { compliance: 'pci-dss' } },
      });
      expect(first(rule.evaluate(context(labelled)))?.entityRefs).toEqual([
        'component:default/ledger',
      ]);
      expect(
        rule.evaluate(
          context(component('ledger', { metadata: { tags: ['audit'] } })),
        ),
      ).toBeUndefined();
    });

    it('matches a signal that the organisation spells its own way through the vocabulary', () => {
      const rule = configuredRule({
        ...grpcRule,
        match: { signals: ['data-warehouse'] },
        message: 'analytics copies: {entities}',
      });
      const svc = component('reports');
      const lake = resource('lake', 'duckdb');
      const vocabulary = configureVocabulary(
        new ConfigReader({
          wellArchitected: {
            suggestions: {
              vocabulary: {
                resourceTypes: { 'data-warehouse': { duckdb: 'DuckDB' } },
              },
            },
          },
        }),
      );
      const read = (v: SignalVocabulary) => ({
        ...context(svc),
        signals: readSignals(v, neighbourhood(svc, { resources: [lake] })),
      });
      expect(rule.evaluate(read(defaultVocabulary))).toBeUndefined();
      expect(first(rule.evaluate(read(vocabulary)))?.message).toBe(
        'analytics copies: lake',
      );
    });

    it('needs a signal and the other criteria together when both are given', () => {
      const rule = configuredRule({
        ...grpcRule,
        match: { type: ['website'], signals: ['personal-data'] },
        message: 'a website with personal data: {entities}',
      });
      const site = (tags: string[]) =>
        component('portal', { spec: { type: 'website' }, metadata: { tags } });
      expect(first(rule.evaluate(context(site(['gdpr']))))?.message).toBe(
        'a website with personal data: portal',
      );
      expect(rule.evaluate(context(site([])))).toBeUndefined();
      expect(
        rule.evaluate(
          context(component('api', { metadata: { tags: ['gdpr'] } })),
        ),
      ).toBeUndefined();
    });

    it('can be re-weighted like any other rule', () => {
      const rules = configure({
        rules: [{ ...grpcRule, weight: 2 }],
        weights: { 'grpc-services': 5 },
      });
      expect(rules.find(r => r.id === 'grpc-services')?.weight).toBe(5);
    });
  });

  it.each([
    [
      { disabledRule: ['on-call'] },
      'Invalid config at wellArchitected.suggestions.disabledRule: unknown key',
    ],
    [
      { disabledRules: ['on-cal'] },
      "Invalid config at wellArchitected.suggestions.disabledRules[0]: no rule has the id 'on-cal'; the rules are production-workloads, on-call,",
    ],
    [
      { weights: { database: 2 } },
      "Invalid config at wellArchitected.suggestions.weights.database: no rule has the id 'database'",
    ],
    [
      { weights: { databases: -1 } },
      'Invalid config at wellArchitected.suggestions.weights.databases: use a number above 0',
    ],
    [
      { rules: [{ ...grpcRule, pillar: 'speed' }] },
      'Invalid config at wellArchitected.suggestions.rules[0].pillar: use one of operational-excellence, security,',
    ],
    [
      { rules: [{ ...grpcRule, role: 'grpc-guru' }] },
      "Invalid config at wellArchitected.suggestions.rules[0].role: the Well-Architected dataset has no role 'grpc-guru'",
    ],
    [
      { rules: [grpcRule, { ...grpcRule, id: 'databases' }] },
      "Invalid config at wellArchitected.suggestions.rules[1].id: a rule 'databases' already exists",
    ],
    [
      { rules: [{ ...grpcRule, id: 'gRPC services' }] },
      'Invalid config at wellArchitected.suggestions.rules[0].id: use lower-case words joined by hyphens',
    ],
    [
      { rules: [{ ...grpcRule, match: {} }] },
      'Invalid config at wellArchitected.suggestions.rules[0].match: give at least one of kind, type',
    ],
    [
      { rules: [{ ...grpcRule, match: { tag: ['grpc'] } }] },
      'Invalid config at wellArchitected.suggestions.rules[0].match.tag: unknown key',
    ],
    [
      { rules: [{ ...grpcRule, match: { signals: ['pci'] } }] },
      'Invalid config at wellArchitected.suggestions.rules[0].match.signals[0]: use one of the signals production-workload,',
    ],
    [
      { rules: [{ ...grpcRule, match: { tags: [] } }] },
      'Invalid config at wellArchitected.suggestions.rules[0].match.tags: give at least one value',
    ],
    [
      { rules: [{ ...grpcRule, message: undefined }] },
      'Invalid config at wellArchitected.suggestions.rules[0].message:',
    ],
  ])('refuses %j with a message naming the key', (suggestions, message) => {
    expect(() => configure(suggestions)).toThrow(message);
  });

  it('refuses a rule from code that names a role the dataset does not have', () => {
    const typo: SuggestionRule = {
      id: 'typo',
      roles: [{ roleId: 'site-reliabilty-engineer', pillarIds: ['security'] }],
      weight: 1,
      evaluate: () => undefined,
    };
    expect(() => configure(undefined, [typo])).toThrow(
      "Suggestion rule 'typo' names role 'site-reliabilty-engineer', which the Well-Architected dataset does not have",
    );
  });

  it('refuses two rules with one id', () => {
    expect(() =>
      configure(undefined, [
        ...defaultSuggestionRules,
        { ...defaultSuggestionRules[0] },
      ]),
    ).toThrow("Two suggestion rules have the id 'production-workloads'");
  });

  it('refuses a rule from code whose id config could not name', () => {
    expect(() =>
      configure(undefined, [{ ...defaultSuggestionRules[0], id: 'My Rule' }]),
    ).toThrow(
      "Suggestion rule id 'My Rule' is not a rule id: use lower-case words joined by hyphens",
    );
  });
});
