import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Dataset } from '../../dataset/types';
import { exampleEntities } from '../../__testUtils__/exampleEntities';
import { testServices } from '../../__testUtils__/services';
import { bundledDataset } from '../../__testUtils__/testDataset';
import { SuggestionRule } from 'backstage-plugin-well-architected-node';
import { defaultVocabulary } from '../signals/vocabulary';
import { defaultSuggestionRules } from '../suggestions/defaultRules';
import { SuggestionEngine } from '../suggestions/SuggestionEngine';
import { CatalogEvaluator, EvaluationRound, shardOf } from './CatalogEvaluator';
import { EvaluationSettings } from './evaluationConfig';
import { MAX_FOLLOW_UPS, scheduleEvaluation } from './evaluationSchedule';

/** The example catalog with an etag on every entity, as the catalog serves them. */
const withEtags = (entities: Entity[]) =>
  entities.map(e => ({
    ...e,
    metadata: { ...e.metadata, etag: `${e.metadata.name}-1` },
  }));

/**
 * A catalog whose entities a test can change between rounds, and that can be made to fail from
 * the given page of `queryEntities` on.
 */
function changingCatalog(initial: Entity[]) {
  let inner = catalogServiceMock({ entities: initial });
  let failFromPage: number | undefined;
  let pages = 0;
  const catalog = {
    getEntities: (req, opts) => inner.getEntities(req, opts),
    getEntitiesByRefs: (req, opts) => inner.getEntitiesByRefs(req, opts),
    queryEntities: async (req, opts) => {
      pages++;
      if (failFromPage !== undefined && pages >= failFromPage) {
        throw new Error('connect ECONNREFUSED 10.0.0.1:7007');
      }
      return inner.queryEntities(req, opts);
    },
  } as Pick<
    CatalogService,
    'getEntities' | 'getEntitiesByRefs' | 'queryEntities'
  > as CatalogService;
  return {
    catalog,
    set(entities: Entity[]) {
      inner = catalogServiceMock({ entities });
    },
    failFrom(page: number | undefined) {
      pages = 0;
      failFromPage = page;
    },
  };
}

const SUGGESTIBLE = [
  'system:default/payments',
  'system:default/storefront',
  'component:default/payments-api',
];

describe('CatalogEvaluator', () => {
  let dataset: Dataset;

  beforeAll(async () => {
    dataset = await bundledDataset();
  });

  function setUp(
    entities = withEtags(exampleEntities),
    rules?: SuggestionRule[],
  ) {
    const changing = changingCatalog(entities);
    const services = testServices({
      dataset,
      catalog: changing.catalog,
      rules,
    });
    return { ...changing, ...services };
  }

  it('evaluates every System and Component, then, on an unchanged catalog, writes nothing', async () => {
    const { evaluator, evaluationStore } = setUp();
    const first = await evaluator.runRound();
    expect(first).toMatchObject({ entities: 3, written: 3, removed: 0 });
    expect([...evaluationStore.rows.keys()].sort()).toEqual(SUGGESTIBLE.sort());

    const written = jest.spyOn(evaluationStore, 'writeEvaluations');
    const second = await evaluator.runRound();
    expect(second).toMatchObject({ entities: 3, written: 0, removed: 0 });
    expect(written).toHaveBeenCalledWith([]);
  });

  it('shows a catalog change after the next round, evaluating only what it touched', async () => {
    const { evaluator, suggestions, set } = setUp();
    await evaluator.runRound();
    const ask = async () =>
      (
        await suggestions.suggest(
          { kind: 'system', namespace: 'default', name: 'payments' },
          mockCredentials.user(),
        )
      ).suggestions.map(s => s.roleId);
    expect(await ask()).toContain('database-administrator');

    // The database becomes an object store: a part changes, the System's own etag does not.
    set(
      withEtags(exampleEntities).map(e =>
        e.metadata.name === 'payments-db'
          ? {
              ...e,
              metadata: { ...e.metadata, etag: 'payments-db-2' },
              spec: { ...e.spec, type: 's3' },
            }
          : e,
      ),
    );
    expect(await ask()).toContain('database-administrator');
    const round = await evaluator.runRound();
    // The System and its Component read the database; storefront does not.
    expect(round).toMatchObject({ written: 2 });
    expect(await ask()).not.toContain('database-administrator');
    expect(await ask()).toContain('data-steward');
  });

  it('keeps the previous results when the catalog fails mid-round, and logs that once', async () => {
    const { evaluator, evaluationStore, failFrom, logger } = setUp();
    await evaluator.runRound();
    const before = new Map(evaluationStore.rows);

    failFrom(2);
    expect(await evaluator.runRound()).toBeUndefined();
    failFrom(1);
    expect(await evaluator.runRound()).toBeUndefined();
    expect(evaluationStore.rows).toEqual(before);
    const warnings = logger.warn.mock.calls.filter(([m]) =>
      String(m).startsWith('Could not read the catalog to evaluate'),
    );
    expect(warnings).toHaveLength(1);

    failFrom(undefined);
    expect(await evaluator.runRound()).toMatchObject({ written: 0 });
    expect(logger.info).toHaveBeenCalledWith(
      'The catalog answers again; suggestions are evaluated',
    );
  });

  it('removes the results of entities gone from the catalog', async () => {
    const { evaluator, evaluationStore, set } = setUp();
    await evaluator.runRound();
    set(
      withEtags(exampleEntities).filter(e => e.metadata.name !== 'storefront'),
    );
    expect(await evaluator.runRound()).toMatchObject({ removed: 1 });
    expect(evaluationStore.rows.has('system:default/storefront')).toBe(false);
  });

  it('evaluates everything again when the rules or the dataset change', async () => {
    const { evaluator, evaluationStore, catalog, roleDataset } = setUp();
    await evaluator.runRound();
    const otherRules = new CatalogEvaluator({
      catalog,
      requestCatalog: catalog,
      auth: mockServices.auth(),
      store: evaluationStore,
      roleDataset,
      engine: new SuggestionEngine({
        rules: defaultSuggestionRules,
        vocabulary: defaultVocabulary,
      }),
      ruleConfigHash: 'other rules',
      logger: mockServices.logger.mock(),
    });
    expect(await otherRules.runRound()).toMatchObject({ written: 3 });
    expect(await otherRules.runRound()).toMatchObject({ written: 0 });

    for (const row of evaluationStore.rows.values()) {
      row.datasetVersion = 'an older dataset';
    }
    expect(await otherRules.runRound()).toMatchObject({ written: 3 });
  });

  it('splits the work into shards that together evaluate each entity once', async () => {
    const { evaluator, evaluationStore } = setUp();
    const evaluated: string[] = [];
    const write = evaluationStore.writeEvaluations.bind(evaluationStore);
    jest
      .spyOn(evaluationStore, 'writeEvaluations')
      .mockImplementation(async rows => {
        evaluated.push(...rows.map(r => r.entityRef));
        return write(rows);
      });
    for (let shard = 0; shard < 3; shard++) {
      await evaluator.runRound({ shard, shards: 3 });
    }
    expect(evaluated.sort()).toEqual(SUGGESTIBLE.sort());
    expect(
      new Set(SUGGESTIBLE.map(ref => shardOf(ref, 3))).size,
    ).toBeGreaterThan(1);
  });

  it('names no entity the caller may not read, though the evaluation read them all', async () => {
    const hidden = [
      'group:default/fraud-squad',
      'user:default/alice',
      'system:default/storefront',
      'resource:default/payments-db',
    ];
    const { evaluator, suggestions, catalog } = setUp();
    await evaluator.runRound();
    const restricted = mockCredentials.user('user:default/restricted');
    const asCaller = catalog.getEntitiesByRefs;
    catalog.getEntitiesByRefs = async (req, opts) => {
      const answer = await asCaller(req, opts);
      return opts.credentials === restricted
        ? {
            items: answer.items.map(e =>
              e &&
              hidden.includes(
                `${e.kind}:${e.metadata.namespace}/${e.metadata.name}`.toLocaleLowerCase(
                  'en',
                ),
              )
                ? undefined
                : e,
            ),
          }
        : answer;
    };
    const body = JSON.stringify(
      await suggestions.suggest(
        { kind: 'system', namespace: 'default', name: 'payments' },
        restricted,
      ),
    );
    for (const word of [
      ...hidden,
      'fraud-squad',
      'Alice',
      'storefront',
      'payments-db',
    ]) {
      expect({ word, named: body.includes(word) }).toEqual({
        word,
        named: false,
      });
    }
    // The same question from someone who may read everything names them.
    const full = JSON.stringify(
      await suggestions.suggest(
        { kind: 'system', namespace: 'default', name: 'payments' },
        mockCredentials.user(),
      ),
    );
    expect(full).toContain('payments-db');
    expect(full).toContain('fraud-squad');
    await expect(
      suggestions.suggest(
        { kind: 'system', namespace: 'default', name: 'storefront' },
        restricted,
      ),
    ).rejects.toThrow(
      "No entity 'system:default/storefront' in the catalog, or you may not see it",
    );
  });

  it('uses the rules it is given', async () => {
    const rule: SuggestionRule = {
      id: 'everything',
      roles: [
        { roleId: 'devops-engineer', pillarIds: ['operational-excellence'] },
      ],
      weight: 1,
      evaluate: () => ({ message: 'always', entityRefs: [] }),
    };
    const { evaluator, evaluationStore } = setUp(undefined, [
      ...defaultSuggestionRules,
      rule,
    ]);
    await evaluator.runRound();
    for (const row of evaluationStore.rows.values()) {
      expect(row.result.roles.map(r => r.roleId)).toContain('devops-engineer');
    }
  });
});

describe('scheduleEvaluation', () => {
  let dataset: Dataset;

  beforeAll(async () => {
    dataset = await bundledDataset();
  });

  const TASK = 'well-architected-evaluation-1-of-1';
  const settings: EvaluationSettings = {
    schedule: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
    shards: 1,
    initialDelayOf: () => ({ seconds: 10 }),
    followUpDelay: { milliseconds: 20 },
    pageSize: 500,
  };
  const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

  /** The plugin's schedule over a catalog a test changes, with every round it ran. */
  async function scheduled(initial: Entity[]) {
    const changing = changingCatalog(initial);
    const services = testServices({ dataset, catalog: changing.catalog });
    const scheduler = mockServices.scheduler();
    const lifecycle = mockServices.lifecycle.mock();
    const rounds: EvaluationRound[] = [];
    await scheduleEvaluation({
      scheduler,
      evaluator: {
        runRound: async options => {
          const round = await services.evaluator.runRound(options);
          rounds.push(round!);
          return round;
        },
      },
      settings,
      logger: mockServices.logger.mock(),
      lifecycle,
    });
    /** Runs what the backend runs when it stops. */
    const stop = async () => {
      for (const [hook] of lifecycle.addShutdownHook.mock.calls) {
        await hook();
      }
    };
    /** Waits until no round has run for a few follow-up delays. */
    const quiet = async () => {
      let seen = -1;
      while (seen !== rounds.length) {
        seen = rounds.length;
        await sleep(150);
      }
    };
    return { ...changing, ...services, scheduler, rounds, quiet, stop };
  }

  it('follows a round that ran before the catalog processed its entities until the catalog settles', async () => {
    const entities = withEtags(exampleEntities);
    // The first round comes while the catalog has read the organisation but no System yet.
    const { scheduler, rounds, quiet, set, evaluationStore, suggestions } =
      await scheduled(entities.filter(e => ['Group', 'User'].includes(e.kind)));
    await scheduler.triggerTask(TASK);
    expect(rounds).toEqual([
      expect.objectContaining({ entities: 0, written: 0, settled: false }),
    ]);

    set(entities);
    await quiet();

    // The follow-up evaluated what the catalog had processed meanwhile; the one after it found
    // nothing changed, and no round ran after that until the interval.
    expect(rounds.map(r => [r.written, r.settled])).toEqual([
      [0, false],
      [SUGGESTIBLE.length, false],
      [0, true],
    ]);
    expect([...evaluationStore.rows.keys()].sort()).toEqual(SUGGESTIBLE);
    const answer = await suggestions.suggest(
      { kind: 'system', namespace: 'default', name: 'payments' },
      mockCredentials.user(),
    );
    expect(answer.suggestions.length).toBeGreaterThan(0);
  });

  it('runs no follow-up after a round that found the catalog as it was', async () => {
    const { scheduler, rounds, quiet } = await scheduled(
      withEtags(exampleEntities),
    );
    await scheduler.triggerTask(TASK);
    await quiet();
    expect(rounds.map(r => r.settled)).toEqual([false, true]);

    await scheduler.triggerTask(TASK);
    await quiet();
    expect(rounds.map(r => r.settled)).toEqual([false, true, true]);
  });

  it('drops a waiting follow-up when the backend stops', async () => {
    const { scheduler, rounds, stop } = await scheduled(
      withEtags(exampleEntities),
    );
    await scheduler.triggerTask(TASK);
    expect(rounds.map(r => r.settled)).toEqual([false]);
    await stop();
    await sleep(200);
    expect(rounds).toHaveLength(1);
  });

  it('goes back to its interval after as many follow-ups in a row as it allows', async () => {
    // A catalog without any System or Component never settles.
    const { scheduler, rounds, quiet } = await scheduled(
      withEtags(exampleEntities).filter(e => e.kind === 'Group'),
    );
    await scheduler.triggerTask(TASK);
    await quiet();
    expect(rounds).toHaveLength(1 + MAX_FOLLOW_UPS);
    expect(rounds.every(r => !r.settled)).toBe(true);
  });
});
