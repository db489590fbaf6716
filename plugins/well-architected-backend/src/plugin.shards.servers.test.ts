import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { wellArchitectedPlugin } from './plugin';
import { exampleEntities } from './__testUtils__/exampleEntities';
import { catalogReadsFromCatalogService } from './__testUtils__/services';
import {
  anotherPool,
  createTestDatabases,
  serverDatabaseIds,
} from './__testUtils__/testDataset';

jest.setTimeout(240_000);

const databases = createTestDatabases();

/** Each shard is a task that the backend whose poll comes first after it is due takes. */
const SHARDS = 8;

const ROUND =
  /^Evaluated (\d+) Systems and Components \(shard (\d+) of (\d+)\) in (\d+) ms/;

/** Rounds every 6 s, the shards' rounds spread over them. */
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
        // When the round started: the scheduler spaces starts, and a round slowed by a busy
        // machine ends late, so the ends of two rounds can be closer than their starts.
        at: Date.now() - Number(match[4]),
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
              // The first rounds write every row, which asks for a follow-up round; none comes
              // while the test runs, so every round it sees is one of the schedule's.
              followUpDelay: { minutes: 10 },
              // A round cut short by a stopping backend is given up soon.
              timeout: { seconds: 10 },
            },
          },
        },
      }),
      catalogServiceMock.factory({ entities: exampleEntities }),
      catalogReadsFromCatalogService,
      logger.factory,
    ],
  });
  return { backend, rounds };
}

/** Waits until `done` holds, for at most `timeoutMs`. */
async function until(done: () => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) {
    await sleep(250);
  }
}

const shardsIn = (rounds: Array<{ shard: number }>) =>
  new Set(rounds.map(r => r.shard)).size;

describe('two backends on one database', () => {
  it.each(serverDatabaseIds(databases))(
    'share the evaluation through the scheduler, each shard once a round, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const otherPool = anotherPool(knex);
      try {
        // One backend alone evaluates every shard.
        const one = await startBackend(knex);
        await until(() => shardsIn(one.rounds) === SHARDS);
        expect(shardsIn(one.rounds)).toBe(SHARDS);

        // A second one joins. Registering the tasks again may bring a shard's next round forward
        // to its own initial delay (the scheduler's rule); from the next interval on, a shard runs
        // once an interval, on one backend or the other.
        const other = await startBackend(otherPool);
        const steady = Date.now() + 1_000 + FREQUENCY_MS;
        await sleep(3 * FREQUENCY_MS);

        // The first one stops; the second takes every shard.
        await one.backend.stop();
        const stoppedAt = Date.now();
        const afterStop = () => other.rounds.filter(r => r.at > stoppedAt);
        await until(() => shardsIn(afterStop()) === SHARDS);
        await other.backend.stop();
        expect(shardsIn(afterStop())).toBe(SHARDS);

        const all = [...one.rounds, ...other.rounds].sort(
          (a, b) => a.at - b.at,
        );
        for (let shard = 1; shard <= SHARDS; shard++) {
          const runs = all.filter(r => r.shard === shard && r.at >= steady);
          const gaps = runs.slice(1).map((r, i) => r.at - runs[i].at);
          expect({
            shard,
            tooSoon: gaps.filter(g => g < FREQUENCY_MS / 2),
          }).toEqual({
            shard,
            tooSoon: [],
          });
        }
        // The shards split the Systems and Components: a round of every shard is each once.
        const suggestible = exampleEntities.filter(e =>
          ['System', 'Component'].includes(e.kind),
        ).length;
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
