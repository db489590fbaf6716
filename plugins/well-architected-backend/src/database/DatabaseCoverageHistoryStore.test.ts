import { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  anotherPool,
  createTestDatabases,
  databaseServiceFor,
} from '../__testUtils__/testDataset';
import {
  CoverageHistory,
  readHistoryRetentionDays,
} from '../services/CoverageHistory';
import { CoverageRollUp, CoverageSnapshot } from './CoverageHistoryStore';
import { DatabaseCoverageHistoryStore } from './DatabaseCoverageHistoryStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const migrations = resolvePackagePath(
  'backstage-plugin-well-architected-backend',
  'migrations',
);

/** The roll-ups of a day on which `gaps` Systems of team-a had a Security gap. */
function rollUps(gaps: number): CoverageRollUp[] {
  const security = {
    pillarId: 'security' as const,
    covered: 1,
    partly: 0,
    gap: gaps,
    notNeeded: 0,
  };
  return [
    { scopeRef: '', totals: [security] },
    { scopeRef: 'group:default/team-a', totals: [security] },
  ];
}

const snapshot = (day: string, gaps = 1): CoverageSnapshot => ({
  day,
  takenAt: new Date(`${day}T01:00:00.000Z`),
  rollUps: rollUps(gaps),
});

describe.each(databases.eachSupportedId())(
  'DatabaseCoverageHistoryStore on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseCoverageHistoryStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseCoverageHistoryStore.create({
        database: databaseServiceFor(knex),
      });
    });

    beforeEach(async () => {
      await store.deleteBefore('9999-12-31');
    });

    it('keeps the first snapshot of a day and reads a scope back, oldest first', async () => {
      expect(await store.firstDay()).toBeUndefined();
      expect(await store.writeSnapshot(snapshot('2026-12-02', 2))).toBe(true);
      expect(await store.writeSnapshot(snapshot('2026-12-01', 1))).toBe(true);
      expect(await store.writeSnapshot(snapshot('2026-12-02', 7))).toBe(false);
      expect(await store.hasSnapshot('2026-12-02')).toBe(true);
      expect(await store.firstDay()).toBe('2026-12-01');
      const team = await store.readHistory(
        'group:default/team-a',
        '2026-11-01',
      );
      expect(team.map(p => [p.day, p.totals[0].gap])).toEqual([
        ['2026-12-01', 1],
        ['2026-12-02', 2],
      ]);
      expect(
        await store.readHistory('group:default/team-b', '2026-12-02'),
      ).toEqual([{ day: '2026-12-02', totals: [] }]);
    });

    it('stores one snapshot of a day when two replicas write it at once', async () => {
      const second = databaseId === 'SQLITE_3' ? knex : anotherPool(knex);
      try {
        const other = await DatabaseCoverageHistoryStore.create({
          database: databaseServiceFor(second),
        });
        const written = await Promise.all([
          store.writeSnapshot(snapshot('2026-12-03', 1)),
          other.writeSnapshot(snapshot('2026-12-03', 5)),
        ]);
        expect(written.filter(Boolean)).toHaveLength(1);
        expect(
          await knex('coverage_snapshot_counts').where({ day: '2026-12-03' }),
        ).toHaveLength(2);
      } finally {
        if (second !== knex) {
          await second.destroy();
        }
      }
    });

    it('removes the days past the retention when it takes a snapshot', async () => {
      const logger = mockServices.logger.mock();
      const history = new CoverageHistory({
        store,
        evaluations: { readOrganisationHash: async () => 'o1' },
        coverage: { rollUps: async () => rollUps(3) },
        auth: mockServices.auth(),
        catalog: {} as never,
        logger,
        retentionDays: readHistoryRetentionDays(
          new ConfigReader({
            wellArchitected: { coverage: { history: { retentionDays: 3 } } },
          }),
        ),
      });
      for (const day of ['2026-11-28', '2026-11-29', '2026-11-30']) {
        expect(await store.writeSnapshot(snapshot(day))).toBe(true);
      }
      // Kept: the 3 days up to 2 December, today included.
      await history.takeSnapshot(new Date('2026-12-02T05:00:00.000Z'));
      expect(
        await knex('coverage_snapshots').orderBy('day').pluck('day'),
      ).toEqual(['2026-11-30', '2026-12-02']);
      expect(
        await knex('coverage_snapshot_counts').distinct('day').orderBy('day'),
      ).toEqual([{ day: '2026-11-30' }, { day: '2026-12-02' }]);
      expect(logger.info).toHaveBeenCalledWith(
        'Removed 2 coverage snapshots older than 3 days',
      );
    });

    it('has a migration that rolls back and applies again', async () => {
      await store.writeSnapshot(snapshot('2026-12-01'));
      await knex.migrate.down({
        directory: migrations,
        name: '20261203000100_coverage_history.js',
      });
      expect(await knex.schema.hasTable('coverage_snapshots')).toBe(false);
      expect(await knex.schema.hasTable('coverage_snapshot_counts')).toBe(
        false,
      );
      await knex.migrate.latest({ directory: migrations });
      expect(await store.firstDay()).toBeUndefined();
      expect(await store.writeSnapshot(snapshot('2026-12-01'))).toBe(true);
    });
  },
);

describe('readHistoryRetentionDays', () => {
  it('is 400 days unless configured, and refuses what is not a whole number of days', () => {
    expect(readHistoryRetentionDays(new ConfigReader({}))).toBe(400);
    for (const retentionDays of [0, 1.5, 'long', 3661]) {
      expect(() =>
        readHistoryRetentionDays(
          new ConfigReader({
            wellArchitected: { coverage: { history: { retentionDays } } },
          }),
        ),
      ).toThrow(
        /^Invalid config at wellArchitected.coverage.history.retentionDays: use a whole number of days from 1 to 3660/,
      );
    }
  });
});
