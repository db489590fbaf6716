import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { exampleEntities } from '../__testUtils__/exampleEntities';
import { testServices } from '../__testUtils__/services';
import { bundledDataset } from '../__testUtils__/testDataset';
import { Dataset } from '../dataset/types';
import {
  GapNotificationSettings,
  GapNotifications,
  readGapNotificationSettings,
} from './GapNotifications';

const storefrontCache: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'storefront-cache', namespace: 'default' },
  spec: { type: 'cache', owner: 'web-team', system: 'storefront' },
  relations: [{ type: 'partOf', targetRef: 'system:default/storefront' }],
};

/** The example catalog after a change: the storefront System gets a cache. */
const withCache = exampleEntities.map(e =>
  e.metadata.name === 'storefront'
    ? {
        ...e,
        metadata: { ...e.metadata, etag: 'with-cache' },
        relations: [
          ...(e.relations ?? []),
          { type: 'hasPart', targetRef: 'resource:default/storefront-cache' },
        ],
      }
    : e,
);
withCache.push(storefrontCache);

/** The example catalog with a new System, owned by sre-team, that keeps files in a bucket. */
const withNewSystem: Entity[] = [
  ...exampleEntities,
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'incident-tools', namespace: 'default' },
    spec: { owner: 'group:default/sre-team' },
    relations: [
      { type: 'ownedBy', targetRef: 'group:default/sre-team' },
      { type: 'hasPart', targetRef: 'resource:default/incident-files' },
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'incident-files', namespace: 'default' },
    spec: { type: 's3-bucket', owner: 'sre-team', system: 'incident-tools' },
    relations: [{ type: 'partOf', targetRef: 'system:default/incident-tools' }],
  },
];

/** A catalog whose entities a test replaces between rounds. */
function changingCatalog(entities: Entity[]) {
  let current = catalogServiceMock({ entities });
  const catalog = new Proxy({} as CatalogService, {
    get:
      (_, method: keyof CatalogService) =>
      (...args: unknown[]) =>
        (current[method] as (...a: unknown[]) => unknown)(...args),
  });
  return {
    catalog,
    change(next: Entity[]) {
      current = catalogServiceMock({ entities: next });
    },
  };
}

let dataset: Dataset;

function setUp(
  settings: GapNotificationSettings,
  entities: Entity[] = exampleEntities,
) {
  const { catalog, change } = changingCatalog(entities);
  const services = testServices({ catalog, dataset });
  const sent: NotificationSendOptions[] = [];
  const systemRows = jest.spyOn(services.coverage, 'systemRows');
  const notifier = new GapNotifications({
    settings,
    evaluator: services.evaluator,
    coverage: services.coverage,
    roleDataset: services.roleDataset,
    notifications: {
      async send(options) {
        sent.push(options);
      },
    },
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
  });
  return { notifier, sent, change, systemRows };
}

const everyPillar = readGapNotificationSettings(
  new ConfigReader({
    wellArchitected: { notifications: { newGaps: { enabled: true } } },
  }),
);

describe('GapNotifications', () => {
  beforeAll(async () => {
    dataset = await bundledDataset();
  });

  it('tells the owner once about the gap a change opens, not about the gaps that were there', async () => {
    const { notifier, sent, change } = setUp(everyPillar);
    // The first round finds the payments System's gaps: they were there before, nobody is told.
    expect(await notifier.runRound()).toMatchObject({ written: 3 });
    expect(sent).toEqual([]);

    change(withCache);
    expect(await notifier.runRound()).toMatchObject({ written: 1 });
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: 'group:default/web-team' },
        payload: {
          title:
            'storefront needs a reviewer for the role Performance Engineer',
          description: expect.stringContaining(
            'now include the role Performance Engineer (Performance Efficiency), and no group holds it',
          ),
          link: '/catalog/default/system/storefront',
          severity: 'normal',
          topic: 'Well-Architected gaps',
          scope:
            'well-architected:gap:system:default/storefront:performance-engineer',
        },
      },
    ]);

    // The same gap in the next round: nothing more.
    expect(await notifier.runRound()).toMatchObject({ written: 0 });
    expect(sent).toHaveLength(1);
  });

  it('tells the owner of a System new to the catalog about its gaps', async () => {
    const { notifier, sent, change } = setUp(everyPillar);
    await notifier.runRound();
    change(withNewSystem);
    await notifier.runRound();
    expect(sent.map(s => [s.recipients, s.payload.scope])).toEqual([
      [
        { type: 'entity', entityRef: 'group:default/sre-team' },
        'well-architected:gap:system:default/incident-tools:data-steward',
      ],
    ]);
  });

  it('tells nobody in the first round of each shard, whichever shard runs first', async () => {
    for (const order of [
      [0, 1],
      [1, 0],
    ]) {
      // incident-tools is in one shard, payments (with its gaps) in the other.
      const { notifier, sent } = setUp(everyPillar, withNewSystem);
      for (const shard of order) {
        await notifier.runRound({ shard, shards: 2 });
      }
      expect(sent).toEqual([]);
    }
  });

  it('tells nobody about a gap outside the configured pillars', async () => {
    const { notifier, sent, change } = setUp({
      enabled: true,
      pillarIds: ['security', 'reliability'],
    });
    await notifier.runRound();
    change(withCache);
    expect(await notifier.runRound()).toMatchObject({ written: 1 });
    expect(sent).toEqual([]);
  });

  it('does nothing but run the round when switched off', async () => {
    const { notifier, sent, change, systemRows } = setUp({
      enabled: false,
      pillarIds: ['performance-efficiency'],
    });
    await notifier.runRound();
    change(withCache);
    expect(await notifier.runRound()).toMatchObject({ written: 1 });
    expect(sent).toEqual([]);
    expect(systemRows).not.toHaveBeenCalled();
  });

  it('tells only the gaps of its shard', async () => {
    const { notifier, sent, change } = setUp(everyPillar);
    await notifier.runRound();
    change(withCache);
    // With two shards, storefront is in one of them; the other shard's round tells nobody.
    const rounds = [
      await notifier.runRound({ shard: 0, shards: 2 }),
      await notifier.runRound({ shard: 1, shards: 2 }),
    ];
    expect(rounds.map(r => r?.written).sort()).toEqual([0, 1]);
    expect(sent).toHaveLength(1);
  });

  it('reads its settings, off unless switched on, and refuses an unknown pillar naming the key', () => {
    expect(readGapNotificationSettings(new ConfigReader({}))).toEqual({
      enabled: false,
      pillarIds: expect.arrayContaining(['security', 'sustainability']),
    });
    expect(
      readGapNotificationSettings(
        new ConfigReader({
          wellArchitected: {
            notifications: {
              newGaps: { enabled: true, pillars: ['security'] },
            },
          },
        }),
      ),
    ).toEqual({ enabled: true, pillarIds: ['security'] });
    expect(() =>
      readGapNotificationSettings(
        new ConfigReader({
          wellArchitected: {
            notifications: { newGaps: { pillars: ['safety'] } },
          },
        }),
      ),
    ).toThrow(
      'Invalid config at wellArchitected.notifications.newGaps.pillars[0]: use one of',
    );
  });
});
