import { Entity } from '@backstage/catalog-model';
import { PILLAR_IDS } from 'backstage-plugin-well-architected-common';
import { defaultSuggestionRules } from './defaultRules';
import { SuggestionContext } from 'backstage-plugin-well-architected-node';
import {
  api,
  component,
  context,
  resource,
} from '../../__testUtils__/ruleContexts';
import { bundledDataset } from '../../__testUtils__/testDataset';

const plain = context(component('plain', { spec: { type: 'library' } }));

const cases: Array<[string, SuggestionContext, string]> = [
  [
    'production-services',
    context(component('payments-api')),
    '`payments-api` is a production service',
  ],
  [
    'on-call',
    context(
      component('payments-api', {
        metadata: { annotations: { 'pagerduty.com/integration-key': 'k' } },
      }),
    ),
    'on call through PagerDuty or Opsgenie: `payments-api`',
  ],
  [
    'databases',
    context(component('a'), { resources: [resource('orders-db', 'database')] }),
    'depends on Resource `orders-db` of type database',
  ],
  [
    'object-storage',
    context(component('a'), {
      resources: [
        resource('raw', 's3-bucket'),
        resource('models', 's3-bucket'),
      ],
    }),
    'depends on 2 Resources of type s3-bucket: `raw` and `models`',
  ],
  [
    'message-queues',
    context(component('a'), { resources: [resource('events', 'queue')] }),
    'depends on Resource `events` of type queue',
  ],
  [
    'compute-clusters',
    context(component('a'), {
      resources: [resource('gpu', 'kubernetes-cluster')],
    }),
    'runs on Kubernetes: `gpu`',
  ],
  [
    'public-apis',
    context(component('a'), { providedApis: [api('pay', ['public'])] }),
    'provides the public API `pay`',
  ],
  [
    'regulated-data',
    context(component('a', { metadata: { tags: ['pci', 'GDPR'] } })),
    'tagged `gdpr`, `pci` on `a`',
  ],
  [
    'cost-allocation',
    context(component('a'), {
      resources: [
        resource('cdn', 'cdn', {
          annotations: { 'aws.amazon.com/cost-insights-tags': 'team=web' },
        }),
      ],
    }),
    'carries cloud cost allocation tags: `cdn`',
  ],
  [
    'secrets',
    context(
      component('a', {
        metadata: { annotations: { 'vault.io/secrets-path': 'a' } },
      }),
    ),
    'reads secrets from Vault: `a`',
  ],
  [
    'code-quality',
    context(
      component('a', {
        metadata: { annotations: { 'sonarqube.org/project-key': 'a' } },
      }),
    ),
    'has code quality gates in SonarQube: `a`',
  ],
  [
    'documentation',
    context(
      component('a', {
        metadata: { annotations: { 'backstage.io/techdocs-ref': 'dir:.' } },
      }),
    ),
    'publishes TechDocs: `a`',
  ],
  [
    'business-critical',
    context(component('a', { metadata: { labels: { tier: '1' } } })),
    'business critical (tier 0/1 or customer-facing): `a`',
  ],
  [
    'experiments',
    context(component('a', { spec: { lifecycle: 'experimental' } })),
    'experimental: `a`',
  ],
  [
    'data-workloads',
    context(component('etl', { spec: { type: 'batch-job' } })),
    'processes data in bulk: `etl`',
  ],
  [
    'websites',
    context(component('site', { spec: { type: 'website' } })),
    'serves a website: `site`',
  ],
];

describe('default suggestion rules', () => {
  it('are all covered here, with unique ids', () => {
    const ids = defaultSuggestionRules.map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(cases.map(([id]) => id).sort()).toEqual([...ids].sort());
  });

  it('serve every pillar', () => {
    const served = new Set(
      defaultSuggestionRules.flatMap(r => r.roles.flatMap(x => x.pillarIds)),
    );
    expect([...served].sort()).toEqual([...PILLAR_IDS].sort());
  });

  it('name only roles the bundled dataset has', async () => {
    const { roles } = await bundledDataset();
    const known = new Set(roles.map(r => r.id));
    const named = defaultSuggestionRules.flatMap(r =>
      r.roles.map(x => x.roleId),
    );
    expect(named.filter(id => !known.has(id))).toEqual([]);
  });

  describe.each(cases)('%s', (id, firing, message) => {
    const rule = defaultSuggestionRules.find(r => r.id === id)!;

    it('fires, naming the evidence', () => {
      const found = rule.evaluate(firing);
      expect(found?.message).toBe(message);
      expect(found?.entityRefs.length).toBeGreaterThan(0);
    });

    it('does not fire on a plain library', () => {
      expect(rule.evaluate(plain)).toBeUndefined();
    });
  });

  it('counts production services across a system', () => {
    const rule = defaultSuggestionRules.find(
      r => r.id === 'production-services',
    )!;
    const system: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'shop', namespace: 'default' },
      spec: {},
    };
    const parts = ['a', 'b', 'c', 'd'].map(n => component(n));
    expect(rule.evaluate({ ...context(system), parts })?.message).toBe(
      '4 production services: `a`, `b`, `c` and 1 more',
    );
  });

  it('names an entity once when it is both a part and a dependency', () => {
    const rule = defaultSuggestionRules.find(r => r.id === 'cost-allocation')!;
    const db = resource('payments-db', 'database', {
      annotations: { 'aws.amazon.com/cost-insights-tags': 'team=payments' },
    });
    const system: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'payments', namespace: 'default' },
      spec: {},
    };
    expect(
      rule.evaluate({ ...context(system), parts: [db], resources: [db] }),
    ).toEqual({
      message: 'carries cloud cost allocation tags: `payments-db`',
      entityRefs: ['resource:default/payments-db'],
    });
  });
});
