import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { wellArchitectedPlugin } from './plugin';
import { exampleEntities } from './__testUtils__/exampleEntities';
import {
  anotherPool,
  createTestDatabases,
  serverDatabaseIds,
} from './__testUtils__/testDataset';

jest.setTimeout(240_000);

const databases = createTestDatabases();

/** Many shards, so that both backends take some: each is claimed by whichever asks first. */
const SHARDS = 16;

const ROUND =
  /^Evaluated (\d+) Systems and Components \(shard (\d+) of (\d+)\) in \d+ ms/;

/**
 * Rounds every 6 s, the shards' rounds spread over them. The scheduler polls its table every 5 s
 * at most, so which replica's poll comes first after a shard is due changes from round to round.
 */
const FREQUENCY_MS = 6_000;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** A backend with the plugin and Backstage's own scheduler on `knex`; its rounds as logged. */
async function startBackend(knex: Knex) {
  const logger = mockServices.logger.mock();
  const rounds: Array<{ shard: number; entities: number; at: number }> = [];
  logger.info.mockImplementation(message => {
    const match = ROUND.exec(String(message));
    if (match) {
      rounds.push({
        shard: Number(match[2]),
        entities: Number(match[1]),
        at: Date.now(),
      });
    }
  });
  const backend = await startTestBackend({
    features: [
      wellArchitectedPlugin,
      schedulerServiceFactory,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          wellArchitected: {
            evaluation: {
              shards: SHARDS,
              initialDelay: { seconds: 1 },
              frequency: { milliseconds: FREQUENCY_MS },
            },
          },
        },
      }),
      catalogServiceMock.factory({ entities: exampleEntities }),
      logger.factory,
    ],
  });
  return { backend, rounds };
}

describe('two backends on one database', () => {
  it.each(serverDatabaseIds(databases))(
    'share the evaluation through the scheduler, each shard once a round, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const otherPool = anotherPool(knex);
      try {
        // The first replica up takes the first rounds; after them, whichever replica's poll
        // of the scheduler's table comes first after a shard is due takes it.
        const one = await startBackend(knex);
        const other = await startBackend(otherPool);
        // A replica that starts registers the tasks again, which may bring a shard's next round
        // forward to its own initial delay (the scheduler's rule); from the next interval on, each
        // shard runs once an interval.
        const steady = Date.now() + 1_000 + FREQUENCY_MS;
        await sleep(6 * FREQUENCY_MS);
        await one.backend.stop();
        await other.backend.stop();

        expect(one.rounds.length).toBeGreaterThan(0);
        expect(other.rounds.length).toBeGreaterThan(0);
        const all = [...one.rounds, ...other.rounds].sort(
          (a, b) => a.at - b.at,
        );
        const suggestible = exampleEntities.filter(e =>
          ['System', 'Component'].includes(e.kind),
        ).length;
        for (let shard = 1; shard <= SHARDS; shard++) {
          expect(all.filter(r => r.shard === shard).length).toBeGreaterThan(0);
          const runs = all.filter(r => r.shard === shard && r.at >= steady);
          // Once a round: never two runs of a shard, on either replica, within one interval.
          const gaps = runs.slice(1).map((r, i) => r.at - runs[i].at);
          expect(gaps.filter(gap => gap < FREQUENCY_MS / 2)).toEqual([]);
        }
        // The shards split the Systems and Components: a round of every shard is each once.
        const oneRoundEach = [...new Map(all.map(r => [r.shard, r])).values()];
        expect(oneRoundEach.reduce((n, r) => n + r.entities, 0)).toBe(
          suggestible,
        );
        const [{ n }] = await knex('evaluations').count({ n: '*' });
        expect(Number(n)).toBe(suggestible);
      } finally {
        await otherPool.destroy();
      }
    },
  );
});
