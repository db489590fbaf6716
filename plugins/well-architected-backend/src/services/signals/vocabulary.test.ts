import fs from 'node:fs/promises';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { Signal } from 'backstage-plugin-well-architected-node';
import {
  component,
  neighbourhood,
  resource,
  system,
} from '../../__testUtils__/ruleContexts';
import { Neighbourhood, readSignals } from './readSignals';
import {
  LIFECYCLE_MEANINGS,
  RESOURCE_FAMILIES,
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
        const [signal] = signalsOf(
          component('svc', {
            spec: { type: 'library' },
            metadata: { annotations: { [full]: 'value' } },
          }),
        );
        expect(signal).toMatchObject({
          id: entry.signal,
          detail: entry.tool,
          entityRefs: ['component:default/svc'],
          source: 'own',
        });
        expect(signal.message).toContain(full);
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
          spec: { type: 'library' },
          metadata: { tags: [tag.toLocaleUpperCase('en')] },
        }),
      );
      expect(ids(found)).toContain(signal);
    });
  });

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
        const svc = component('svc', { spec: { type: 'library' } });
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
          spec: { type: 'library' },
          metadata: { labels: { [key]: value } },
        }),
      );
      expect(found.map(s => [s.id, s.detail])).toEqual([[entry.signal, label]]);
    });
  });

  describe.each(
    WORKLOAD_FAMILIES.flatMap(family =>
      vocabulary.componentTypes[family].map(type => [type, family] as const),
    ),
  )('Component type %s', (type, family) => {
    it(`is a ${family}: in production it is a production workload`, () => {
      const [production] = signalsOf(component('w', { spec: { type } }));
      expect(production).toMatchObject({
        id: 'production-workload',
        detail: family,
      });
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
      const svc = component('svc', { spec: { type: 'library' } });
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
      spec: { type: 'library', lifecycle: 'whatever' },
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

  it('keeps every spelling lower case, so that a lower-cased value can match', () => {
    const all = [
      ...Object.values(vocabulary.tags).flat(),
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

describe('the README', () => {
  it('lists every default spelling of the vocabulary', async () => {
    const readme = await fs.readFile(
      resolvePackagePath(
        'backstage-plugin-well-architected-backend',
        '../../README.md',
      ),
      'utf8',
    );
    const spellings = [
      ...vocabulary.annotations.map(a => a.key),
      ...Object.values(vocabulary.tags).flat(),
      ...vocabulary.labels.flatMap(l => [l.key, ...l.values]),
      ...Object.values(vocabulary.componentTypes).flat(),
      ...Object.values(vocabulary.resourceTypes).flatMap(Object.keys),
      ...Object.values(vocabulary.lifecycles).flat(),
    ];
    expect(spellings.filter(s => !readme.includes(`\`${s}\``))).toEqual([]);
  });
});
