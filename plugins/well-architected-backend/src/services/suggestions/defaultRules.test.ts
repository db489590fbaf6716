import { PILLAR_IDS } from 'backstage-plugin-well-architected-common';
import {
  RuleEvidence,
  SuggestionContext,
} from 'backstage-plugin-well-architected-node';
import { defaultSuggestionRules, readRuleTable } from './defaultRules';
import {
  api,
  component,
  context,
  resource,
  system,
} from '../../__testUtils__/ruleContexts';
import { bundledDataset } from '../../__testUtils__/testDataset';

const annotated = (annotations: Record<string, string>, spec = {}) =>
  component('svc', { metadata: { annotations }, spec });
const tagged = (tags: string[], spec = {}) =>
  component('svc', { metadata: { tags }, spec });

/** For each rule: a context it fires on, the signal it names, and a near miss it stays quiet on. */
const cases: Array<[string, SuggestionContext, string, SuggestionContext]> = [
  [
    'production-workloads',
    context(component('svc')),
    'production-workload',
    context(component('svc', { spec: { lifecycle: 'experimental' } })),
  ],
  [
    'on-call',
    context(annotated({ 'splunk.com/on-call-team': 'payments' })),
    'on-call',
    context(annotated({ 'datadoghq.com/dashboard-url': 'https://dd' })),
  ],
  [
    'user-support',
    context(system('shop', { tags: ['internet-facing'] }), {
      parts: [annotated({ 'splunk.com/on-call-team': 'payments' })],
    }),
    'on-call',
    context(annotated({ 'splunk.com/on-call-team': 'payments' })),
  ],
  [
    'databases',
    context(component('svc'), { resources: [resource('orders', 'rds')] }),
    'database',
    context(component('svc'), {
      resources: [resource('orders', 'bigquery')],
    }),
  ],
  [
    'data-warehouses',
    context(component('svc'), {
      resources: [resource('sales', 'snowflake')],
    }),
    'data-warehouse',
    context(component('svc'), { resources: [resource('sales', 'postgres')] }),
  ],
  [
    'data-retirement',
    context(component('svc', { spec: { lifecycle: 'deprecated' } }), {
      resources: [resource('invoices', 'aurora')],
      system: system('billing', { tags: ['hipaa'] }),
    }),
    'deprecated',
    context(component('svc'), {
      resources: [resource('invoices', 'aurora')],
      system: system('billing', { tags: ['hipaa'] }),
    }),
  ],
  [
    'object-storage',
    context(component('svc'), { resources: [resource('raw', 'gcs')] }),
    'object-storage',
    context(component('svc'), { resources: [resource('raw', 'postgres')] }),
  ],
  [
    'message-queues',
    context(component('svc'), { resources: [resource('events', 'kafka')] }),
    'messaging',
    context(component('svc'), { resources: [resource('events', 's3')] }),
  ],
  [
    'caches',
    context(component('svc'), { resources: [resource('c', 'memcached')] }),
    'cache',
    context(component('svc'), { resources: [resource('c', 'dynamodb')] }),
  ],
  [
    'compute-clusters',
    context(component('svc'), {
      resources: [resource('agents', 'aws-ec2-spot-fleet')],
    }),
    'compute-cluster',
    context(annotated({ 'backstage.io/kubernetes-id': 'svc' })),
  ],
  [
    'container-delivery',
    context(annotated({ 'argocd/app-name': 'svc' })),
    'gitops-delivery',
    context(
      annotated({ 'argocd/app-name': 'svc' }, { lifecycle: 'experimental' }),
    ),
  ],
  [
    'published-apis',
    context(system('shop'), {
      parts: [component('svc')],
      providedApis: [api('pay', ['public-api'])],
    }),
    'public-contract',
    context(component('svc'), { providedApis: [api('pay', ['public-api'])] }),
  ],
  [
    'identity',
    context(tagged(['oauth2'])),
    'identity',
    context(component('svc'), { providedApis: [api('auth', ['oauth2'])] }),
  ],
  [
    'build-infrastructure',
    context(tagged(['jenkins'])),
    'build-infrastructure',
    context(component('svc'), { system: system('ci', { tags: ['ci'] }) }),
  ],
  [
    'card-data',
    context(tagged(['pci-dss'])),
    'card-data',
    context(tagged(['payments'])),
  ],
  [
    'latency-critical',
    context(component('svc'), {
      system: system('matchmaking', { tags: ['realtime'] }),
    }),
    'latency-critical',
    context(tagged(['fast'])),
  ],
  [
    'global-real-time',
    context(tagged(['udp']), {
      system: system('fleet', { tags: ['multi-region'] }),
    }),
    'latency-critical',
    context(tagged(['udp'])),
  ],
  [
    'analytics',
    context(tagged(['analytics']), {
      resources: [resource('dwh', 'bigquery')],
    }),
    'analytics',
    context(tagged(['analytics'])),
  ],
  [
    'analytics-platform',
    context(tagged(['analytics', 'dbt'], { type: 'job' }), {
      resources: [resource('dwh', 'bigquery')],
    }),
    'data-processing',
    context(tagged(['dbt'], { type: 'job' }), {
      resources: [resource('dwh', 'bigquery')],
    }),
  ],
  [
    'shipped-clients',
    context(component('app', { spec: { type: 'mobile-app' } })),
    'shipped-client',
    context(
      component('app', {
        spec: { type: 'mobile-app', lifecycle: 'deprecated' },
      }),
    ),
  ],
  [
    'libraries',
    context(component('lib', { spec: { type: 'sdk' } })),
    'library',
    context(component('lib', { spec: { type: 'documentation' } })),
  ],
  [
    'legacy-websites',
    context(
      component('forums', {
        spec: { type: 'website', lifecycle: 'deprecated' },
      }),
    ),
    'legacy-website',
    context(component('svc', { spec: { lifecycle: 'deprecated' } })),
  ],
  [
    'public-apis',
    context(component('svc'), { providedApis: [api('pay', ['public-api'])] }),
    'public-contract',
    context(component('svc'), { consumedApis: [api('pay', ['public-api'])] }),
  ],
  [
    'internet-facing',
    context(system('shop', { tags: ['internet-facing'] }), {
      parts: [component('svc')],
    }),
    'internet-facing',
    context(tagged(['internet-facing'])),
  ],
  [
    'public-products',
    context(system('shop'), { parts: [tagged(['internet-facing'])] }),
    'internet-facing',
    context(system('back-office'), { parts: [component('svc')] }),
  ],
  [
    'internal-tools',
    context(tagged(['internal-only'], { type: 'website' })),
    'internal-only',
    context(tagged(['internal-only'], { lifecycle: 'experimental' })),
  ],
  [
    'staff-data-access',
    context(tagged(['internal-only'], { type: 'website' }), {
      providerSystems: [system('records', { tags: ['hipaa'] })],
    }),
    'consumes-regulated-data',
    context(component('web', { spec: { type: 'website' } }), {
      providerSystems: [system('records', { tags: ['hipaa'] })],
    }),
  ],
  [
    'change-control',
    context(component('svc'), {
      system: system('billing', { tags: ['soc2'] }),
    }),
    'change-controlled',
    context(tagged(['hipaa'])),
  ],
  [
    'regulated-data',
    context(tagged(['PCI-DSS'])),
    'regulated',
    context(tagged(['payments'])),
  ],
  [
    'risk-management',
    context(
      component('quotes', {
        metadata: {
          annotations: { 'acme.io/regulatory': 'gdpr,solvency-ii' },
        },
      }),
    ),
    'risk-management',
    context(
      component('quotes', {
        metadata: { annotations: { 'acme.io/regulatory': 'gdpr,idd' } },
      }),
    ),
  ],
  [
    'backups',
    context(system('shop'), {
      parts: [component('svc')],
      resources: [resource('orders', 'rds')],
    }),
    'database',
    context(component('svc'), { resources: [resource('orders', 'rds')] }),
  ],
  [
    'personal-data',
    context(
      component('svc', {
        metadata: { labels: { 'data-classification': 'pii' } },
      }),
    ),
    'personal-data',
    context(tagged(['pci'])),
  ],
  [
    'cost-allocation',
    context(component('svc'), {
      resources: [
        resource('cdn', 'cdn', {
          annotations: { 'aws.amazon.com/cost-insights-tags': 'team=web' },
        }),
      ],
    }),
    'cost-allocation',
    context(component('svc'), { resources: [resource('cdn', 'cdn')] }),
  ],
  [
    'secrets',
    context(annotated({ 'vault.io/secrets-path': 'svc' })),
    'secrets',
    context(annotated({ 'vault.io/secrets-path': '' })),
  ],
  [
    'security-scanning',
    context(annotated({ 'snyk.io/org-name': 'acme' })),
    'security-scanning',
    context(annotated({ 'sonarqube.org/project-key': 'svc' })),
  ],
  [
    'code-quality',
    context(annotated({ 'sonarqube.org/project-key': 'svc' })),
    'code-quality',
    context(annotated({ 'snyk.io/org-name': 'acme' })),
  ],
  [
    'documentation',
    context(annotated({ 'backstage.io/techdocs-ref': 'dir:.' }), {
      providedApis: [api('pay', ['partner-api'])],
    }),
    'public-contract',
    context(annotated({ 'backstage.io/techdocs-ref': 'dir:.' })),
  ],
  [
    'business-critical',
    context(component('svc', { metadata: { labels: { tier: '1' } } }), {
      resources: [resource('orders', 'postgres')],
    }),
    'business-critical',
    context(component('svc', { metadata: { labels: { tier: '1' } } })),
  ],
  [
    'business-continuity',
    context(system('checkout', { labels: { tier: '1' } }), {
      parts: [component('svc')],
    }),
    'business-critical',
    context(component('svc', { metadata: { labels: { tier: '1' } } })),
  ],
  [
    'data-workloads',
    context(tagged(['airflow'], { type: 'job' })),
    'data-processing',
    context(tagged(['data'])),
  ],
  [
    'websites',
    context(component('site', { spec: { type: 'website' } })),
    'website',
    context(tagged(['internal-only'], { type: 'website' })),
  ],
  [
    'serverless',
    context(component('fn', { spec: { type: 'lambda' } })),
    'serverless',
    context(component('fn', { spec: { type: 'worker' } })),
  ],
  [
    'special-category-data',
    context(component('svc'), {
      system: system('casework', { tags: ['special-category'] }),
    }),
    'special-category-data',
    context(component('svc'), {
      system: system('casework', { tags: ['personal-data'] }),
    }),
  ],
  [
    'data-sharing',
    context(tagged(['open-data'], { type: 'job' })),
    'data-sharing',
    context(tagged(['data', 'sharing'], { type: 'job' })),
  ],
  [
    'accessibility',
    context(tagged(['wcag-2-2'], { type: 'website' })),
    'accessibility',
    context(tagged(['citizen-facing'], { type: 'website' })),
  ],
  [
    'self-hosted',
    context(
      component('svc', { metadata: { labels: { hosting: 'on-prem-dc2' } } }),
    ),
    'self-hosted',
    context(
      component('svc', { metadata: { labels: { hosting: 'azure-uksouth' } } }),
    ),
  ],
  [
    'file-transfers',
    context(component('batch', { spec: { type: 'batch' } }), {
      resources: [resource('bank-drop', 'sftp')],
    }),
    'file-transfer',
    context(component('batch', { spec: { type: 'batch' } }), {
      resources: [resource('bank-drop', 'blob-storage')],
    }),
  ],
  [
    'audit-trails',
    context(tagged(['audit-log'])),
    'audit-trail',
    context(tagged(['logging'])),
  ],
  [
    'profiling',
    context(tagged(['machine-learning']), {
      system: system('claims', { tags: ['personal-data'] }),
    }),
    'machine-learning',
    context(tagged(['machine-learning'])),
  ],
  [
    'public-sign-in',
    context(tagged(['oidc', 'internet-facing'])),
    'identity',
    context(tagged(['oidc', 'internal-only'])),
  ],
  [
    'exposed-personal-data',
    context(tagged(['citizen-facing']), {
      system: system('claims', { tags: ['personal-data'] }),
    }),
    'internet-facing',
    context(tagged(['staff-facing']), {
      system: system('claims', { tags: ['personal-data'] }),
    }),
  ],
  [
    'critical-infrastructure',
    context(component('rtu-gateway'), {
      system: system('scada', { labels: { 'acme.io/cip-impact': 'medium' } }),
    }),
    'critical-infrastructure',
    context(component('rtu-gateway'), {
      system: system('scada', { labels: { 'acme.io/cip-impact': 'low' } }),
    }),
  ],
  [
    'connected-devices',
    context(tagged(['iot'])),
    'connected-devices',
    context(tagged(['mobile'])),
  ],
  [
    'network-edge',
    context(tagged(['api-gateway'])),
    'network-edge',
    context(component('gateway', { spec: { type: 'gateway' } })),
  ],
  [
    'shipped-code',
    context(component('svc', { spec: { lifecycle: 'experimental' } })),
    'source-code',
    context(component('runbooks', { spec: { type: 'documentation' } })),
  ],
  [
    'retirement',
    context(component('svc', { spec: { lifecycle: 'deprecated' } })),
    'deprecated',
    context(component('svc')),
  ],
  [
    'pre-production',
    context(component('svc', { spec: { lifecycle: 'experimental' } })),
    'experimental',
    context(component('svc', { spec: { lifecycle: 'deprecated' } })),
  ],
];

const plain = context(
  component('plain', {
    spec: { type: 'documentation', lifecycle: 'production' },
  }),
);

function evidence(id: string, ctx: SuggestionContext): RuleEvidence[] {
  const found = defaultSuggestionRules.find(r => r.id === id)!.evaluate(ctx);
  if (!found) {
    return [];
  }
  return Array.isArray(found) ? found : [found];
}

const fires = (id: string, ctx: SuggestionContext) =>
  evidence(id, ctx).length > 0;

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

  describe.each(cases)('%s', (id, firing, signal, nearMiss) => {
    it('fires, naming the signal in plain text and the entities', () => {
      const [first] = evidence(id, firing);
      expect(first.signal).toBe(signal);
      expect(first.message).not.toMatch(/`/);
      expect(first.entityRefs.length).toBeGreaterThan(0);
    });

    it('stays quiet on a near miss', () => {
      expect(evidence(id, nearMiss)).toEqual([]);
    });

    it('stays quiet on a plain library', () => {
      expect(evidence(id, plain)).toEqual([]);
    });
  });
});

describe('lifecycle', () => {
  it.each(['service', 'website', 'worker', 'job', 'function'])(
    'suggests production roles for a production %s',
    type => {
      expect(
        fires(
          'production-workloads',
          context(component('w', { spec: { type } })),
        ),
      ).toBe(true);
    },
  );

  it.each(['experimental', 'deprecated'])(
    'never suggests production roles for an %s service from its lifecycle alone',
    lifecycle => {
      const ctx = context(component('svc', { spec: { lifecycle } }));
      expect(fires('production-workloads', ctx)).toBe(false);
      expect(fires('on-call', ctx)).toBe(false);
    },
  );

  it('does not read an experimental lifecycle as an A/B experiment', () => {
    const ctx = context(
      component('svc', { spec: { lifecycle: 'experimental' } }),
    );
    const roles = defaultSuggestionRules
      .filter(r => fires(r.id, ctx))
      .flatMap(r => r.roles.map(x => x.roleId));
    expect(roles).not.toContain('product-owner');
    expect(roles).not.toContain('data-analyst');
    expect(roles).not.toContain('site-reliability-engineer');
  });

  it('gives a deprecated entity a change manager', () => {
    const ctx = context(
      component('svc', { spec: { lifecycle: 'deprecated' } }),
    );
    expect(evidence('retirement', ctx)[0].message).toBe(
      'on its way out (lifecycle deprecated)',
    );
  });

  it('backs a production workload with its monitoring and error tracking', () => {
    const ctx = context(
      component('svc', {
        metadata: {
          annotations: {
            'datadoghq.com/dashboard-url': 'https://dd',
            'sentry.io/project-slug': 'svc',
          },
        },
      }),
    );
    expect(evidence('production-workloads', ctx).map(e => e.signal)).toEqual([
      'production-workload',
      'monitoring',
      'error-tracking',
    ]);
  });

  it('says nothing of monitoring alone', () => {
    const ctx = context(
      annotated({ 'prometheus.io/rule': 'up' }, { lifecycle: 'experimental' }),
    );
    expect(evidence('production-workloads', ctx)).toEqual([]);
  });
});

describe('what signals mean together', () => {
  it('asks no SRE or incident manager of a staff-only service or website that nobody is paged for, but of a pipeline', () => {
    const internal = context(tagged(['internal-only']));
    expect(fires('production-workloads', internal)).toBe(false);
    expect(
      fires(
        'production-workloads',
        context(component('svc'), {
          system: system('tools', { tags: ['internal'] }),
        }),
      ),
    ).toBe(false);
    const paged = context(
      component('svc', {
        metadata: {
          tags: ['internal-only'],
          annotations: { 'pagerduty.com/service-id': 'P1' },
        },
      }),
    );
    expect(fires('production-workloads', paged)).toBe(true);
    const pipeline = context(tagged(['internal-only'], { type: 'job' }));
    expect(fires('production-workloads', pipeline)).toBe(true);
  });

  it('asks a security architect of a System whose API other Systems call when it opens a database or regulated data', () => {
    const shared = (records = system('records'), around = {}) =>
      context(records, {
        parts: [component('svc')],
        providedApis: [api('records')],
        homeSystemRef: 'system:default/records',
        consumerSystems: new Map([
          ['api:default/records', ['system:default/billing']],
        ]),
        ...around,
      });
    expect(fires('public-apis', shared())).toBe(true);
    expect(fires('published-apis', shared())).toBe(false);
    expect(
      fires(
        'published-apis',
        shared(undefined, { resources: [resource('records-db', 'aws-rds')] }),
      ),
    ).toBe(true);
    expect(
      fires('published-apis', shared(system('records', { tags: ['hipaa'] }))),
    ).toBe(true);
  });

  it('calls a support engineer for a public service on call, not for one that only staff and other services use', () => {
    const onCall = { 'pagerduty.com/service-id': 'P1' };
    const quiet = [
      annotated(onCall),
      component('admin', {
        metadata: { annotations: onCall, tags: ['internal-only'] },
        spec: { type: 'website' },
      }),
      tagged(['internet-facing']),
    ];
    expect(quiet.map(e => fires('user-support', context(e)))).toEqual([
      false,
      false,
      false,
    ]);
    const [paged, outside] = evidence(
      'user-support',
      context(
        component('checkout', {
          metadata: { annotations: onCall, tags: ['internet-facing'] },
        }),
      ),
    );
    expect([paged.signal, outside.signal]).toEqual([
      'on-call',
      'internet-facing',
    ]);
    // A System open to the internet as a whole: its services on call are supported.
    const [, fromSystem] = evidence(
      'user-support',
      context(system('shop', { tags: ['internet-facing'] }), {
        parts: [annotated(onCall)],
      }),
    );
    expect(fromSystem.entityRefs).toEqual(['system:default/shop']);
  });

  it('plans continuity and recovery for a critical System, and recovery for those of its critical Components that keep data', () => {
    const svc = component('svc', { metadata: { labels: { tier: '1' } } });
    const checkout = context(system('checkout'), { parts: [svc] });
    expect(fires('business-continuity', checkout)).toBe(true);
    expect(fires('business-critical', checkout)).toBe(true);
    expect(fires('business-continuity', context(svc))).toBe(false);
    expect(fires('business-critical', context(svc))).toBe(false);
    const stores = { resources: [resource('orders', 'postgres')] };
    expect(
      evidence('business-critical', context(svc, stores)).map(e => e.signal),
    ).toEqual(['business-critical', 'database']);
    expect(fires('business-continuity', context(svc, stores))).toBe(false);
  });

  it('asks a software developer of code in any lifecycle, and not of a System of documents', () => {
    for (const lifecycle of ['production', 'experimental', 'deprecated']) {
      expect(
        fires(
          'shipped-code',
          context(component('svc', { spec: { lifecycle } })),
        ),
      ).toBe(true);
    }
    expect(
      fires(
        'shipped-code',
        context(system('docs'), {
          parts: [component('runbooks', { spec: { type: 'documentation' } })],
        }),
      ),
    ).toBe(false);
  });

  it('calls no support engineer for an on-call pipeline, but still an incident response manager', () => {
    const ctx = context(
      annotated({ 'pagerduty.com/service-id': 'P1' }, { type: 'job' }),
    );
    expect(fires('on-call', ctx)).toBe(true);
    expect(fires('user-support', ctx)).toBe(false);
  });

  it('reads a data warehouse as analytics data, not as a database to administer', () => {
    const ctx = context(component('pipeline', { spec: { type: 'worker' } }), {
      resources: [resource('warehouse', 'bigquery')],
    });
    expect(fires('data-warehouses', ctx)).toBe(true);
    expect(fires('databases', ctx)).toBe(false);
  });

  it('gives a data engineer to a worker that feeds a warehouse', () => {
    const warehouse = resource('warehouse', 'bigquery');
    const worker = {
      ...component('pipeline', { spec: { type: 'worker' } }),
      relations: [
        { type: 'dependsOn', targetRef: 'resource:default/warehouse' },
      ],
    };
    expect(
      evidence('data-workloads', context(worker, { resources: [warehouse] }))[0]
        .message,
    ).toBe('processes data in bulk: a worker that depends on BigQuery');
  });

  it.each(['job', 'service'])(
    'asks no access control of an internal %s: nobody signs in to it',
    type => {
      expect(
        fires('internal-tools', context(tagged(['internal'], { type }))),
      ).toBe(false);
    },
  );

  it('asks access control of the websites of an internal System, and not of a System whose internal part is not its website', () => {
    const site = component('console', { spec: { type: 'website' } });
    const internalService = tagged(['internal-only']);
    expect(
      fires(
        'internal-tools',
        context(system('tools', { tags: ['internal-only'] }), {
          parts: [site],
        }),
      ),
    ).toBe(true);
    expect(
      fires(
        'internal-tools',
        context(system('shop'), { parts: [site, internalService] }),
      ),
    ).toBe(false);
  });

  it('asks a staff-only tool for access control, and not for page speed', () => {
    const tool = tagged(['internal-only'], { type: 'website' });
    const ctx = context(tool);
    expect(fires('internal-tools', ctx)).toBe(true);
    expect(fires('websites', ctx)).toBe(false);
    expect(
      fires('internet-facing', context(system('tools'), { parts: [tool] })),
    ).toBe(false);
  });

  it('asks a production website that is not internal-only for security and page speed', () => {
    const site = component('site', { spec: { type: 'website' } });
    const ctx = context(system('shop'), { parts: [site] });
    expect(evidence('internet-facing', ctx)[0].message).toBe(
      'faces the internet: a production website not marked internal-only',
    );
    expect(fires('websites', context(site))).toBe(true);
  });

  it('reads page speed on any website that is audited for it', () => {
    expect(
      fires(
        'websites',
        context(
          component('site', {
            spec: { type: 'website', lifecycle: 'experimental' },
            metadata: {
              annotations: { 'lighthouse.com/website-url': 'https://x' },
            },
          }),
        ),
      ),
    ).toBe(true);
  });

  it('asks no technical writer for docs of an API that only other Systems of the company consume', () => {
    const ctx = context(annotated({ 'backstage.io/techdocs-ref': 'dir:.' }), {
      providedApis: [api('records')],
      homeSystemRef: 'system:default/records',
      consumerSystems: new Map([
        ['api:default/records', ['system:default/billing']],
      ]),
    });
    expect(fires('public-apis', ctx)).toBe(true);
    expect(fires('documentation', ctx)).toBe(false);
  });

  it('asks a data steward when a store of regulated data is retired, and not for other data', () => {
    const retired = (tags: string[]) =>
      context(
        component('svc', {
          spec: { lifecycle: 'deprecated' },
          metadata: { tags },
        }),
        { resources: [resource('archive', 'gcs-bucket')] },
      );
    expect(
      evidence('data-retirement', retired(['pii'])).map(e => e.signal),
    ).toEqual(['deprecated', 'object-storage', 'regulated', 'personal-data']);
    expect(fires('data-retirement', retired([]))).toBe(false);
  });
});

describe('what lifecycles ask of their stores', () => {
  const stores = [resource('orders', 'postgres'), resource('raw', 's3')];

  it('backs up the stores of anything live, or on its way out, for the System that keeps them', () => {
    for (const lifecycle of ['production', 'deprecated']) {
      const svc = component('svc', { spec: { lifecycle } });
      expect(
        evidence(
          'backups',
          context(system('shop'), { parts: [svc], resources: stores }),
        ).map(e => e.signal),
      ).toEqual(['database', 'object-storage']);
      expect(fires('backups', context(svc, { resources: stores }))).toBe(false);
    }
  });

  it('asks no backups of the stores of an experiment or a pilot alone, but of a System with a live part too', () => {
    const lab = component('lab', { spec: { lifecycle: 'experimental' } });
    const trial = component('trial', { spec: { lifecycle: 'pilot' } });
    expect(
      fires(
        'backups',
        context(system('lab'), { parts: [lab], resources: stores }),
      ),
    ).toBe(false);
    expect(
      fires(
        'backups',
        context(system('labs'), { parts: [lab, trial], resources: stores }),
      ),
    ).toBe(false);
    expect(
      fires(
        'backups',
        context(system('claims'), {
          parts: [trial, component('intake')],
          resources: stores,
        }),
      ),
    ).toBe(true);
  });

  it('asks a risk manager of a System under DORA, and not of its Components that do not say so', () => {
    const dora = system('claims', { tags: ['dora'] });
    expect(fires('risk-management', context(dora))).toBe(true);
    expect(
      fires('risk-management', context(component('intake'), { system: dora })),
    ).toBe(false);
  });
});

describe('relations', () => {
  it('gives a Component the regulation its System is tagged with', () => {
    const ctx = context(component('svc'), {
      system: system('payments', { tags: ['pci'] }),
    });
    expect(evidence('regulated-data', ctx)).toEqual([
      {
        signal: 'regulated',
        message: 'regulated: tagged pci (from its System)',
        entityRefs: ['system:default/payments'],
        source: 'inherited',
      },
    ]);
  });

  it('gives a Component the criticality its System is labelled with', () => {
    const ctx = context(component('svc'), {
      system: system('checkout', { labels: { tier: '1' } }),
      resources: [resource('orders', 'postgres')],
    });
    expect(
      evidence('business-critical', ctx).map(e => [e.signal, e.entityRefs]),
    ).toContainEqual(['business-critical', ['system:default/checkout']]);
  });

  it('counts an API consumed by another System as a public contract', () => {
    const pay = api('pay');
    const consumedBy = (systems: string[]) =>
      context(component('svc'), {
        providedApis: [pay],
        homeSystemRef: 'system:default/payments',
        consumerSystems: new Map([['api:default/pay', systems]]),
      });
    expect(
      evidence('public-apis', consumedBy(['system:default/mobile'])),
    ).toEqual([
      {
        signal: 'public-contract',
        message: 'public contract: an API consumed by 1 other System',
        entityRefs: ['api:default/pay'],
        source: 'own',
      },
    ]);
    expect(fires('public-apis', consumedBy(['system:default/payments']))).toBe(
      false,
    );
  });

  it('reads special category data from the tags of a Resource it writes to', () => {
    const ctx = context(component('upload', { spec: { type: 'function' } }), {
      resources: [
        resource('evidence', 'blob-storage', { tags: ['special-category'] }),
      ],
    });
    expect(evidence('special-category-data', ctx)[0]).toMatchObject({
      signal: 'special-category-data',
      entityRefs: ['resource:default/evidence'],
    });
  });

  it('passes personal data on from a Component it depends on', () => {
    const ctx = context(component('router'), {
      dependencies: [
        {
          component: component('addresses'),
          system: system('customers', { tags: ['gdpr'] }),
        },
      ],
    });
    expect(evidence('personal-data', ctx)[0]).toMatchObject({
      signal: 'personal-data',
      source: 'related',
      entityRefs: ['system:default/customers'],
    });
  });

  it('does not put the consumer of a regulated API in its scope, unless staff use it', () => {
    const records = system('records', { tags: ['hipaa'] });
    const portal = context(component('portal', { spec: { type: 'website' } }), {
      providerSystems: [records],
    });
    expect(fires('regulated-data', portal)).toBe(false);
    expect(fires('personal-data', portal)).toBe(false);
    const console = context(tagged(['internal-only'], { type: 'website' }), {
      providerSystems: [records],
    });
    expect(evidence('staff-data-access', console)).toEqual([
      {
        signal: 'consumes-regulated-data',
        message: 'uses the data of records through its API: tagged hipaa',
        entityRefs: ['system:default/records'],
        source: 'related',
      },
      {
        signal: 'internal-only',
        message: 'for internal users only: tagged internal-only',
        entityRefs: ['component:default/svc'],
        source: 'own',
      },
    ]);
  });

  it('does not read tags such as data alone as bulk data', () => {
    expect(fires('data-workloads', context(tagged(['data', 'java'])))).toBe(
      false,
    );
  });
});

describe('the rule table', () => {
  const never = () => undefined;

  it('reads a row with signals as a rule that fires on any of them, in the order of the roles', () => {
    const [rule] = readRuleTable(
      `- id: caches\n  weight: 1\n  signals: [cache]\n  roles:\n    performance-engineer: [performance-efficiency]\n    cloud-architect: [sustainability, cost-optimization]\n`,
      {},
    );
    expect(rule).toMatchObject({
      id: 'caches',
      weight: 1,
      roles: [
        {
          roleId: 'performance-engineer',
          pillarIds: ['performance-efficiency'],
        },
        {
          roleId: 'cloud-architect',
          pillarIds: ['sustainability', 'cost-optimization'],
        },
      ],
    });
    const cached = context(component('svc'), {
      resources: [resource('sessions', 'redis')],
    });
    expect(rule.evaluate(cached)).toEqual([
      expect.objectContaining({ signal: 'cache' }),
    ]);
    expect(rule.evaluate(context(component('svc')))).toEqual([]);
  });

  it('keeps a row of kind system quiet on a Component', () => {
    const [rule] = readRuleTable(
      [
        '- id: continuity',
        '  weight: 2',
        '  kind: system',
        '  signals: [business-critical]',
        '  roles:',
        '    business-continuity-planner: [reliability]',
      ].join('\n'),
      {},
    );
    const svc = component('svc', { metadata: { labels: { tier: '1' } } });
    expect(rule.evaluate(context(svc))).toBeUndefined();
    expect(
      rule.evaluate(context(system('shop'), { parts: [svc] })),
    ).toMatchObject([{ signal: 'business-critical' }]);
  });

  it('takes the evaluation of a row without signals from code, by its id', () => {
    const [rule] = readRuleTable(
      '- id: own\n  weight: 2\n  roles: { devops-engineer: [reliability] }\n',
      { own: never },
    );
    expect(rule.evaluate).toBe(never);
  });

  it('refuses a row with neither signals nor an evaluation, and an evaluation with no row', () => {
    expect(() =>
      readRuleTable(
        '- id: own\n  weight: 2\n  roles: { x: [reliability] }\n',
        {},
      ),
    ).toThrow('Rule own has neither signals nor an evaluation');
    expect(() => readRuleTable('[]', { stray: never })).toThrow(
      'No rule row without signals for stray',
    );
  });

  it('refuses an unknown pillar or key', () => {
    expect(() =>
      readRuleTable(
        '- id: r\n  weight: 1\n  signals: [cache]\n  roles: { x: [speed] }\n',
        {},
      ),
    ).toThrow();
    expect(() =>
      readRuleTable(
        '- id: r\n  weight: 1\n  signal: [cache]\n  roles: { x: [reliability] }\n',
        {},
      ),
    ).toThrow();
  });
});
