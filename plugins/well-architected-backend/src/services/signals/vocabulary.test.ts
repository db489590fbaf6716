import fs from 'node:fs/promises';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Entity, RELATION_DEPENDS_ON } from '@backstage/catalog-model';
import { Signal } from 'backstage-plugin-well-architected-node';
import {
  api,
  component,
  neighbourhood,
  resource,
  system,
} from '../../__testUtils__/ruleContexts';
import { Neighbourhood, readSignals } from './readSignals';
import {
  LIFECYCLE_MEANINGS,
  RESOURCE_FAMILIES,
  SIGNAL_IDS,
  TAG_SIGNALS,
  WORKLOAD_FAMILIES,
  defaultVocabulary as vocabulary,
} from './vocabulary';

function signalsOf(
  entity: Entity,
  around: Partial<Omit<Neighbourhood, 'entity'>> = {},
): Signal[] {
  return readSignals(vocabulary, neighbourhood(entity, around));
}

const ids = (signals: Signal[]) => signals.map(s => s.id);

describe('the signal vocabulary', () => {
  describe.each(vocabulary.annotations.map(e => [e.key, e] as const))(
    'annotation %s',
    (key, entry) => {
      it(`gives ${entry.signal} (${entry.tool})`, () => {
        const full = key.endsWith('/') ? `${key}some-key` : key;
        // Kubernetes and on-call make a Component of an unknown type a service too.
        const signal = signalsOf(
          component('svc', {
            spec: { type: 'documentation' },
            metadata: { annotations: { [full]: 'value' } },
          }),
        ).find(s => s.id === entry.signal);
        expect(signal).toMatchObject({
          id: entry.signal,
          detail: entry.tool,
          entityRefs: ['component:default/svc'],
          source: 'own',
        });
        expect(signal?.message).toContain(full);
      });
    },
  );

  describe.each(
    TAG_SIGNALS.filter(s => s !== 'public-contract').flatMap(signal =>
      vocabulary.tags[signal].map(tag => [tag, signal] as const),
    ),
  )('tag %s', (tag, signal) => {
    it(`gives ${signal}`, () => {
      const found = signalsOf(
        component('svc', {
          spec: { type: 'documentation' },
          metadata: { tags: [tag.toLocaleUpperCase('en')] },
        }),
      );
      expect(ids(found)).toContain(signal);
    });
  });

  describe.each(vocabulary.tagListAnnotations.map(key => [key] as const))(
    'annotation listing tags %s',
    key => {
      it('reads each word it lists as a tag, on its own and with a prefix', () => {
        for (const annotation of [key, `acme.io/${key}`]) {
          const found = signalsOf(
            component('svc', {
              spec: { type: 'documentation' },
              metadata: {
                annotations: { [annotation]: 'GDPR, solvency-ii;unknown' },
              },
            }),
          );
          expect(found.map(s => [s.id, s.detail, s.message]).sort()).toEqual(
            [
              [
                'personal-data',
                'gdpr',
                `holds personal data: ${annotation} lists gdpr`,
              ],
              ['regulated', 'gdpr', `regulated: ${annotation} lists gdpr`],
              [
                'regulated',
                'solvency-ii',
                `regulated: ${annotation} lists solvency-ii`,
              ],
              [
                'risk-management',
                'solvency-ii',
                `under a regime that asks for risk management: ${annotation} lists solvency-ii`,
              ],
            ].sort(),
          );
        }
      });
    },
  );

  describe.each(vocabulary.tags['public-contract'].map(tag => [tag] as const))(
    'API tag %s',
    tag => {
      it('gives public-contract', () => {
        const pay: Entity = {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'API',
          metadata: { name: 'pay', namespace: 'default', tags: [tag] },
          spec: { type: 'openapi', lifecycle: 'production' },
        };
        const svc = component('svc', { spec: { type: 'documentation' } });
        expect(ids(signalsOf(svc, { providedApis: [pay] }))).toEqual([
          'public-contract',
        ]);
      });
    },
  );

  describe.each(
    vocabulary.labels.flatMap(entry =>
      entry.values.map(value => [`${entry.key}=${value}`, entry] as const),
    ),
  )('label %s', (label, entry) => {
    it(`gives ${entry.signal}`, () => {
      const [key, value] = label.split('=');
      const found = signalsOf(
        component('svc', {
          spec: { type: 'documentation' },
          metadata: { labels: { [key]: value } },
        }),
      );
      // One label may give several signals, like compliance=sox: regulated and change-controlled.
      expect(found.map(s => [s.id, s.detail])).toContainEqual([
        entry.signal,
        label,
      ]);
      expect(found.filter(s => s.detail !== label)).toEqual([]);
    });
  });

  describe.each(
    WORKLOAD_FAMILIES.flatMap(family =>
      vocabulary.componentTypes[family].map(type => [type, family] as const),
    ),
  )('Component type %s', (type, family) => {
    const shipped: Record<string, string> = {
      client: 'shipped-client',
      library: 'library',
    };
    it(`is a ${family}: in production it is ${
      shipped[family] ?? 'a production workload'
    }`, () => {
      const [found, ...others] = signalsOf(component('w', { spec: { type } }));
      expect(found).toMatchObject(
        shipped[family]
          ? { id: shipped[family], detail: type }
          : { id: 'production-workload', detail: family },
      );
      // Shipped code does not run in production; all of it is code someone writes.
      expect(ids(others)).not.toContain('production-workload');
      expect(ids(others)).toContain('source-code');
    });
  });

  describe.each(
    RESOURCE_FAMILIES.flatMap(family =>
      Object.entries(vocabulary.resourceTypes[family]).map(
        ([type, product]) => [type, family, product] as const,
      ),
    ),
  )('Resource type %s', (type, family, product) => {
    it(`is ${family} (${product})`, () => {
      const svc = component('svc', { spec: { type: 'documentation' } });
      expect(
        signalsOf(svc, { resources: [resource('r', type)] }).map(s => [
          s.id,
          s.detail,
        ]),
      ).toEqual([[family, product]]);
    });
  });

  describe.each(
    LIFECYCLE_MEANINGS.flatMap(meaning =>
      vocabulary.lifecycles[meaning].map(value => [value, meaning] as const),
    ),
  )('lifecycle %s', (lifecycle, meaning) => {
    it(`means ${meaning}`, () => {
      const found = ids(
        signalsOf(component('svc', { spec: { type: 'service', lifecycle } })),
      );
      // Production roles come from a production lifecycle only.
      expect({
        meaning: found.includes(
          meaning === 'production' ? 'production-workload' : meaning,
        ),
        production: found.includes('production-workload'),
      }).toEqual({ meaning: true, production: meaning === 'production' });
    });
  });

  it('reads nothing from spellings it does not know', () => {
    const svc = component('svc', {
      spec: { type: 'documentation', lifecycle: 'whatever' },
      metadata: {
        tags: ['data', 'java', 'team-a'],
        labels: { tier: '3' },
        annotations: { 'example.com/thing': 'x' },
      },
    });
    expect(signalsOf(svc, { resources: [resource('x', 'mainframe')] })).toEqual(
      [],
    );
  });

  /** The signals, with their details, of a Component with these labels or annotations. */
  const readMetadata = (metadata: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  }) =>
    signalsOf(
      component('svc', { spec: { type: 'documentation' }, metadata }),
    ).map(s => [s.id, s.detail]);
  const labelled = (labels: Record<string, string>) => readMetadata({ labels });

  it('reads a label value with a qualifier after a hyphen, and not a longer word', () => {
    expect(labelled({ hosting: 'mainframe-lpar-prod' })).toEqual([
      ['self-hosted', 'hosting=mainframe-lpar-prod'],
    ]);
    expect(labelled({ tier: '10', hosting: 'on-premium-cloud' })).toEqual([]);
  });

  it('reads a label value with a qualifier before a hyphen, unless the qualifier negates it', () => {
    expect(
      labelled({ criticality: 'revenue-critical', 'data-class': 'crew-pii' }),
    ).toEqual([
      ['business-critical', 'criticality=revenue-critical'],
      ['personal-data', 'data-class=crew-pii'],
    ]);
    expect(
      labelled({ criticality: 'non-critical', 'data-class': 'no-pii' }),
    ).toEqual([]);
  });

  it('reads an annotation as it reads a label, but not one that lists tags twice', () => {
    const annotated = (annotations: Record<string, string>) =>
      readMetadata({ annotations });
    expect(
      annotated({
        'acme.io/criticality': 'ops-critical',
        'acme.io/data-class': 'pax-pii',
      }),
    ).toEqual([
      ['business-critical', 'acme.io/criticality=ops-critical'],
      ['personal-data', 'acme.io/data-class=pax-pii'],
    ]);
    expect(annotated({ 'acme.io/compliance': 'sox' })).toEqual([
      ['regulated', 'sox'],
      ['change-controlled', 'sox'],
    ]);
  });

  it("reads a label key as the last segment of an organisation's prefixed key, and not inside a word", () => {
    expect(labelled({ 'acme.io/tier': 'T0' })).toEqual([
      ['business-critical', 'acme.io/tier=t0'],
    ]);
    expect(labelled({ 'acme.io/data-class': 'restricted' })).toEqual([
      ['personal-data', 'acme.io/data-class=restricted'],
    ]);
    expect(labelled({ 'acme.io/frontier': '1', 'tier/notes': '1' })).toEqual(
      [],
    );
  });

  it('reads a Resource type with a qualifier after a hyphen as the longest type it knows, and not a longer word', () => {
    const svc = component('svc', { spec: { type: 'documentation' } });
    const read = (type: string) =>
      signalsOf(svc, { resources: [resource('r', type)] }).map(s => [
        s.id,
        s.detail,
      ]);
    expect(read('snowflake-db')).toEqual([['data-warehouse', 'Snowflake']]);
    expect(read('db2-zos')).toEqual([['database', 'Db2']]);
    expect(read('msk-topic')).toEqual([['messaging', 'Amazon MSK']]);
    expect(read('sftp-endpoint')).toEqual([['file-transfer', 'SFTP']]);
    expect(read('aurora-postgresql-serverless')).toEqual([
      ['database', 'Aurora PostgreSQL'],
    ]);
    expect(read('redshifted')).toEqual([]);
    expect(read('warehouse-db')).toEqual([]);
  });

  it('reads a Component type with a qualifier before a hyphen as the longest type it knows, and not a longer word', () => {
    const read = (type: string) =>
      signalsOf(component('c', { spec: { type } })).map(s => [s.id, s.detail]);
    expect(read('shared-lib')).toEqual([
      ['library', 'shared-lib'],
      ['source-code', 'shared-lib'],
    ]);
    expect(read('event-consumer')).toEqual([
      ['production-workload', 'worker'],
      ['source-code', 'event-consumer'],
    ]);
    expect(read('nightly-batch-job')).toEqual([
      ['production-workload', 'job'],
      ['source-code', 'nightly-batch-job'],
    ]);
    expect(read('libraries')).toEqual([]);
    expect(read('service-catalogue')).toEqual([]);
  });

  it('does not read a listed word that is no tag it knows, nor an annotation that lists nothing', () => {
    const svc = component('svc', {
      spec: { type: 'documentation' },
      metadata: {
        annotations: {
          'acme.io/regulatory': 'none',
          'acme.io/notes': 'gdpr',
          'acme.io/regulatory-contact': 'gdpr',
        },
      },
    });
    expect(signalsOf(svc)).toEqual([]);
  });

  it('keeps every spelling lower case, so that a lower-cased value can match', () => {
    const all = [
      ...Object.values(vocabulary.tags).flat(),
      ...vocabulary.tagListAnnotations,
      ...vocabulary.labels.flatMap(l => [l.key, ...l.values]),
      ...Object.values(vocabulary.componentTypes).flat(),
      ...Object.values(vocabulary.resourceTypes).flatMap(Object.keys),
      ...Object.values(vocabulary.lifecycles).flat(),
    ];
    expect(all.filter(v => v !== v.toLocaleLowerCase('en'))).toEqual([]);
  });

  it('merges one signal seen on several entities into one, naming each', () => {
    const parts = ['a', 'b'].map(n =>
      component(n, {
        metadata: { annotations: { 'pagerduty.com/service-id': n } },
      }),
    );
    const found = signalsOf(system('s'), { parts }).filter(
      s => s.id === 'on-call',
    );
    expect(found).toEqual([
      {
        id: 'on-call',
        detail: 'PagerDuty',
        message: 'on call through PagerDuty (pagerduty.com/service-id)',
        entityRefs: ['component:default/a', 'component:default/b'],
        source: 'own',
      },
    ]);
  });
});

/** A Component that depends on the given Resources, as the catalog relates them. */
const dependingOn = (entity: Entity, resources: Entity[]): Entity => ({
  ...entity,
  relations: resources.map(r => ({
    type: RELATION_DEPENDS_ON,
    targetRef: `resource:default/${r.metadata.name}`,
  })),
});

describe('signals read from more than one fact', () => {
  const website = (metadata = {}, lifecycle = 'production') =>
    component('site', { spec: { type: 'website', lifecycle }, metadata });
  const exposure = (found: Signal[]) =>
    found.filter(s => s.id === 'internet-facing').map(s => s.detail);

  it('takes a production website that nothing marks internal-only to face the internet', () => {
    expect(signalsOf(website())).toContainEqual({
      id: 'internet-facing',
      detail: 'production website',
      message:
        'faces the internet: a production website not marked internal-only',
      entityRefs: ['component:default/site'],
      source: 'own',
    });
  });

  it('does not take a website to face the internet when it or its System is internal-only, or before production', () => {
    expect(exposure(signalsOf(website({ tags: ['internal-only'] })))).toEqual(
      [],
    );
    expect(
      exposure(
        signalsOf(website({ labels: { exposure: 'private' } }), {
          system: system('tools'),
        }),
      ),
    ).toEqual([]);
    expect(
      exposure(
        signalsOf(website(), {
          system: system('tools', { tags: ['back-office'] }),
        }),
      ),
    ).toEqual([]);
    expect(
      exposure(
        signalsOf(system('tools', { tags: ['intranet'] }), {
          parts: [website()],
        }),
      ),
    ).toEqual([]);
    expect(exposure(signalsOf(website({}, 'experimental')))).toEqual([]);
  });

  it.each([
    ['worker', ['bigquery'], 'a worker that depends on BigQuery'],
    [
      'cronjob',
      ['s3-bucket', 'aurora'],
      'a job that depends on Amazon S3 and Aurora',
    ],
    [
      'lambda',
      ['snowflake', 'snowflake'],
      'a function that depends on Snowflake',
    ],
    [
      'batch',
      ['kinesis', 'timescaledb'],
      'a job that depends on Kinesis and TimescaleDB',
    ],
  ])(
    'reads a %s that depends on %j as processing data in bulk',
    (type, types, said) => {
      const stores = types.map((t, i) => resource(`store-${i}`, t));
      const found = signalsOf(
        dependingOn(component('w', { spec: { type } }), stores),
        { resources: stores },
      ).filter(s => s.id === 'data-processing');
      expect(found.map(s => s.message)).toEqual([
        `processes data in bulk: ${said}`,
      ]);
    },
  );

  it.each([
    ['worker', ['postgres'], []],
    ['worker', ['redis'], ['bigquery']],
    ['service', ['bigquery', 's3'], []],
    ['worker', ['kafka', 'postgres'], []],
    ['function', ['service-bus', 'blob-storage'], []],
  ])(
    'does not read a %s that depends on %j (next to %j) as processing data in bulk',
    (type, used, elsewhere) => {
      const stores = used.map((t, i) => resource(`used-${i}`, t));
      const others = elsewhere.map((t, i) => resource(`other-${i}`, t));
      const entity = dependingOn(component('w', { spec: { type } }), stores);
      expect(
        ids(signalsOf(entity, { resources: [...stores, ...others] })),
      ).not.toContain('data-processing');
    },
  );

  it('reads what the tags of another System that provides an API it consumes say of its data', () => {
    const records = system('records', { tags: ['hipaa'] });
    const related = (homeSystemRef: string) =>
      signalsOf(component('console'), {
        providerSystems: [records],
        homeSystemRef,
      }).filter(s => s.source === 'related');
    expect(related('system:default/tools')).toEqual([
      {
        id: 'consumes-regulated-data',
        detail: 'hipaa',
        message: 'uses the data of records through its API: tagged hipaa',
        entityRefs: ['system:default/records'],
        source: 'related',
      },
    ]);
    expect(related('system:default/records')).toEqual([]);
  });

  it('takes a Component of an unknown type to be a service when it runs on Kubernetes or is paged', () => {
    const server = (annotations: Record<string, string>) =>
      component('arena', {
        spec: { type: 'game-server' },
        metadata: { annotations },
      });
    const production = (found: Signal[]) =>
      found.filter(s => s.id === 'production-workload');
    expect(
      production(signalsOf(server({ 'pagerduty.com/service-id': 'P1' }))).map(
        s => [s.detail, s.message],
      ),
    ).toEqual([
      [
        'service',
        'runs in production as a service (type game-server, deployed or paged like one)',
      ],
    ]);
    expect(
      production(signalsOf(server({ 'backstage.io/kubernetes-id': 'arena' }))),
    ).toHaveLength(1);
    expect(
      production(signalsOf(server({ 'sentry.io/project-slug': 'arena' }))),
    ).toEqual([]);
  });

  it('takes a website that calls nothing and depends on nothing to serve static files, still reading its lifecycle', () => {
    const notes = { ...website(), relations: [] };
    expect(ids(signalsOf(notes))).toEqual(['source-code']);
    expect(
      ids(signalsOf({ ...website({}, 'deprecated'), relations: [] })),
    ).toEqual(['deprecated', 'source-code']);
    expect(ids(signalsOf(website()))).toEqual(
      expect.arrayContaining([
        'production-workload',
        'website',
        'internet-facing',
      ]),
    );
  });

  it("lets a Component's own tier label, a library, an app and what is not in production keep out of their System's criticality", () => {
    const tier1 = system('store', { labels: { tier: 'tier-1' } });
    const critical = (entity: Entity) =>
      ids(signalsOf(entity, { system: tier1 })).includes('business-critical');
    expect(critical(component('api'))).toBe(true);
    expect(
      critical(
        component('portal', { metadata: { labels: { tier: 'tier-2' } } }),
      ),
    ).toBe(false);
    expect(
      critical(
        component('portal', {
          metadata: { labels: { 'acme.io/tier': 'T2' } },
        }),
      ),
    ).toBe(false);
    expect(critical(component('lib', { spec: { type: 'library' } }))).toBe(
      false,
    );
    expect(critical(component('app', { spec: { type: 'mobile-app' } }))).toBe(
      false,
    );
    expect(critical(component('new', { spec: { lifecycle: 'beta' } }))).toBe(
      false,
    );
    expect(
      critical(component('old', { spec: { lifecycle: 'retiring' } })),
    ).toBe(false);
    expect(critical(component('trial', { spec: { lifecycle: 'pilot' } }))).toBe(
      false,
    );
  });

  it('does not read code shipped rather than run as business critical, whatever its own tier says', () => {
    const critical = (type: string) =>
      ids(
        signalsOf(
          component('x', {
            spec: { type },
            metadata: {
              labels: { tier: 'tier-1' },
              tags: ['mission-critical'],
            },
          }),
        ),
      ).includes('business-critical');
    expect(critical('mobile-app')).toBe(false);
    expect(critical('library')).toBe(false);
    expect(critical('service')).toBe(true);
  });

  it('reads a pilot as live for a limited group of users: not in production, and not an experiment', () => {
    const found = signalsOf(
      component('trial', { spec: { lifecycle: 'pilot' } }),
    );
    expect(found).toEqual([
      {
        id: 'limited-release',
        detail: 'pilot',
        message: 'live for a limited group of users only (lifecycle pilot)',
        entityRefs: ['component:default/trial'],
        source: 'own',
      },
      {
        id: 'source-code',
        detail: 'service',
        message: "built from the team's own code (type service)",
        entityRefs: ['component:default/trial'],
        source: 'own',
      },
    ]);
  });

  it('does not count an experimental API that other Systems call as a public contract', () => {
    const shared = (lifecycle: string) =>
      ids(
        signalsOf(component('svc', { spec: { type: 'documentation' } }), {
          providedApis: [api('trips', [], lifecycle)],
          homeSystemRef: 'system:default/lab',
          consumerSystems: new Map([
            ['api:default/trips', ['system:default/app']],
          ]),
        }),
      );
    expect(shared('experimental')).toEqual([]);
    expect(shared('production')).toEqual(['public-contract']);
  });

  it("does not give a library its System's personal data: it holds none", () => {
    const billing = system('billing', { tags: ['customer-pii', 'sox'] });
    const taken = (entity: Entity) =>
      ids(signalsOf(entity, { system: billing }));
    expect(taken(component('tariffs', { spec: { type: 'library' } }))).toEqual(
      expect.arrayContaining(['library', 'regulated']),
    );
    expect(
      taken(component('tariffs', { spec: { type: 'library' } })),
    ).not.toContain('personal-data');
    expect(taken(component('billing-api'))).toContain('personal-data');
  });

  it('reads card data scope on the Component that is in it, not from its System', () => {
    const pci = system('store', { tags: ['pci-dss'] });
    expect(ids(signalsOf(component('api'), { system: pci }))).not.toContain(
      'card-data',
    );
    expect(ids(signalsOf(component('api'), { system: pci }))).toContain(
      'regulated',
    );
  });

  it('names every signal it can give in SIGNAL_IDS', () => {
    const everything = component('svc', {
      metadata: {
        tags: TAG_SIGNALS.map(signal => vocabulary.tags[signal][0]),
        annotations: Object.fromEntries(
          vocabulary.annotations.map(a => [
            a.key.endsWith('/') ? `${a.key}x` : a.key,
            'x',
          ]),
        ),
      },
    });
    const stores = RESOURCE_FAMILIES.map(family =>
      resource(family, Object.keys(vocabulary.resourceTypes[family])[0]),
    );
    const found = [
      ...signalsOf(dependingOn(everything, stores), {
        resources: stores,
        providedApis: [api('pay', ['public'])],
        providerSystems: [system('records', { tags: ['pii'] })],
      }),
      ...signalsOf(website()),
      ...signalsOf(component('old', { spec: { lifecycle: 'deprecated' } })),
      ...signalsOf(component('app', { spec: { type: 'mobile-app' } })),
      ...signalsOf(component('lib', { spec: { type: 'library' } })),
      ...signalsOf(
        component('forums', {
          spec: { type: 'website', lifecycle: 'deprecated' },
        }),
      ),
      ...signalsOf(component('new', { spec: { lifecycle: 'experimental' } })),
      ...signalsOf(component('trial', { spec: { lifecycle: 'pilot' } })),
    ];
    expect([...new Set(ids(found))].sort()).toEqual([...SIGNAL_IDS].sort());
  });
});

describe("the package's README", () => {
  it('lists every default spelling of the vocabulary', async () => {
    const readme = await fs.readFile(
      resolvePackagePath(
        'backstage-plugin-well-architected-backend',
        'README.md',
      ),
      'utf8',
    );
    const spellings = [
      ...vocabulary.annotations.map(a => a.key),
      ...Object.values(vocabulary.tags).flat(),
      ...vocabulary.tagListAnnotations,
      ...vocabulary.labels.flatMap(l => [l.key, ...l.values]),
      ...Object.values(vocabulary.componentTypes).flat(),
      ...Object.values(vocabulary.resourceTypes).flatMap(Object.keys),
      ...Object.values(vocabulary.lifecycles).flat(),
    ];
    expect(spellings.filter(s => !readme.includes(`\`${s}\``))).toEqual([]);
  });
});
