import { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Dataset } from '../dataset/types';
import {
  bundledDataset,
  createTestDatabases,
  databaseServiceFor,
} from '../__testUtils__/testDataset';
import { DatabaseRoleStore } from './DatabaseRoleStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/** Records the SQL statements that change data, to prove that a no-op sync writes nothing. */
function recordWrites(knex: Knex): string[] {
  const writes: string[] = [];
  knex.on('query', (query: { sql: string }) => {
    if (/^\s*(insert|update|delete|replace)\b/i.test(query.sql)) {
      writes.push(query.sql);
    }
  });
  return writes;
}

/** A dataset one version later: one description edited, one entry removed, one role added. */
function nextVersion(dataset: Dataset): Dataset {
  const [edited, removed] = dataset.responsibilities;
  return {
    ...dataset,
    version: `${dataset.version.slice(0, 60)}next`,
    roles: [
      ...dataset.roles,
      { id: 'platform-engineer', title: 'Platform Engineer', aliases: [] },
    ],
    responsibilities: [
      { ...edited, description: `${edited.description} (revised)` },
      ...dataset.responsibilities.slice(2),
      {
        ...removed,
        id: `${removed.categoryId}/platform-engineer`,
        roleId: 'platform-engineer',
        title: 'Platform Engineer',
        order: 99,
      },
    ],
  };
}

describe('DatabaseRoleStore', () => {
  let dataset: Dataset;

  beforeAll(async () => {
    dataset = await bundledDataset();
  });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let store: DatabaseRoleStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseRoleStore.create({
        database: databaseServiceFor(knex),
      });
    });

    it('loads the dataset on the first sync and reads it back whole', async () => {
      expect(await store.getDatasetVersion()).toBeUndefined();
      expect(await store.readStoredDataset()).toBeUndefined();

      const result = await store.syncDataset(dataset);
      expect(result).toEqual({
        changed: true,
        inserted: 6 + 29 + dataset.roles.length + 129,
        updated: 0,
        retired: 0,
      });

      const stored = await store.readStoredDataset();
      expect(stored?.version).toBe(dataset.version);
      expect(stored?.pillars).toEqual(dataset.pillars);
      expect(stored?.categories).toEqual(
        expect.arrayContaining(dataset.categories),
      );
      expect(stored?.categories).toHaveLength(29);
      expect(
        [...(stored?.roles ?? [])].sort((a, b) => a.id.localeCompare(b.id)),
      ).toEqual([...dataset.roles].sort((a, b) => a.id.localeCompare(b.id)));
      expect(stored?.responsibilities).toHaveLength(129);
      expect(stored?.responsibilities).toEqual(
        expect.arrayContaining(dataset.responsibilities),
      );
    });

    it('writes nothing when a restart finds the same dataset', async () => {
      await store.syncDataset(dataset);
      const writes = recordWrites(knex);

      // What the plugin does at start: migrations, then the sync.
      const second = await DatabaseRoleStore.create({
        database: databaseServiceFor(knex),
      });
      expect(await second.syncDataset(dataset)).toEqual({
        changed: false,
        inserted: 0,
        updated: 0,
        retired: 0,
      });
      expect(writes).toEqual([]);
    });

    it('updates text, adds and retires entries when the dataset changes', async () => {
      await store.syncDataset(dataset);
      const next = nextVersion(dataset);

      expect(await store.syncDataset(next)).toEqual({
        changed: true,
        inserted: 2,
        updated: 1,
        retired: 1,
      });
      const stored = await store.readStoredDataset();
      expect(stored?.version).toBe(next.version);
      expect(stored?.responsibilities).toHaveLength(129);
      expect(stored?.responsibilities).toEqual(
        expect.arrayContaining(next.responsibilities),
      );
      expect(
        stored?.responsibilities.find(
          r => r.id === dataset.responsibilities[1].id,
        ),
      ).toBeUndefined();

      // The retired row is kept, so that anything referring to it still resolves.
      const retired = await knex('responsibilities')
        .where({ id: dataset.responsibilities[1].id })
        .first();
      expect(retired.retired_at).not.toBeNull();

      // Going back restores the retired entry instead of inserting it again.
      expect(await store.syncDataset(dataset)).toMatchObject({
        changed: true,
        inserted: 0,
        retired: 2,
      });
      const restored = await store.readStoredDataset();
      expect(restored?.responsibilities).toEqual(
        expect.arrayContaining(dataset.responsibilities),
      );
      expect(restored?.roles.map(r => r.id)).not.toContain('platform-engineer');
    });

    it('keeps unicode text exactly', async () => {
      await store.syncDataset(dataset);
      const stored = await store.readStoredDataset();
      const gameDay = stored?.responsibilities.find(
        r => r.title === 'Game Day Facilitator',
      );
      expect(gameDay?.description).toBe(
        'Leads simulated failure exercises (“game days”) to assess organizational readiness.',
      );
    });

    it('has migrations that roll back completely and apply again', async () => {
      await store.syncDataset(dataset);
      const directory = resolvePackagePath(
        'backstage-plugin-well-architected-backend',
        'migrations',
      );
      await knex.migrate.rollback({ directory }, true);
      for (const table of [
        'pillars',
        'categories',
        'roles',
        'responsibilities',
        'dataset_state',
        'role_links',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
      await knex.migrate.latest({ directory });
      expect(await store.getDatasetVersion()).toBeUndefined();
      expect((await store.syncDataset(dataset)).changed).toBe(true);
    });
  });
});
