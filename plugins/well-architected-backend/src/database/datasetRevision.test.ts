import { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Dataset } from '../dataset/types';
import { DatasetLoader } from '../services/DatasetLoader';
import {
  bundledDataset,
  createTestDatabases,
  databaseServiceFor,
} from '../__testUtils__/testDataset';
import { DatabaseRoleStore } from './DatabaseRoleStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const migrations = resolvePackagePath(
  'backstage-plugin-well-architected-backend',
  'migrations',
);

it('ships the bundled dataset with a revision', async () => {
  expect((await bundledDataset()).revision).toBeGreaterThanOrEqual(1);
});

describe.each(databases.eachSupportedId())(
  'dataset revisions on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseRoleStore;
    let current: Dataset;
    /** The next release's dataset: a higher revision, with a role the current one lacks. */
    let newer: Dataset;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseRoleStore.create({
        database: databaseServiceFor(knex),
      });
      current = await bundledDataset();
      newer = {
        ...current,
        version: 'next-release',
        revision: current.revision + 1,
        roles: [
          ...current.roles,
          { id: 'release-captain', title: 'Release Captain', aliases: [] },
        ],
      };
    });

    it('keeps a newer dataset when an older replica starts after it, and logs that it is behind', async () => {
      expect((await store.syncDataset(newer)).changed).toBe(true);
      const before = {
        state: await knex('dataset_state'),
        roles: await knex('roles').orderBy('id'),
      };

      const logger = mockServices.logger.mock();
      const result = await new DatasetLoader({ store, logger }).load();

      expect(result).toEqual({
        changed: false,
        inserted: 0,
        updated: 0,
        retired: 0,
        newerLoaded: { version: 'next-release', revision: newer.revision },
      });
      expect(await knex('dataset_state')).toEqual(before.state);
      expect(await knex('roles').orderBy('id')).toEqual(before.roles);
      const served = await store.readStoredDataset();
      expect(served?.version).toBe('next-release');
      expect(served?.roles.map(r => r.id)).toContain('release-captain');
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /^This replica is behind: it ships Well-Architected dataset revision \d+ .* the database holds revision \d+ /,
        ),
      );
    });

    it('loads a newer revision over an older one, and the same revision over itself', async () => {
      await store.syncDataset(current);
      expect((await store.syncDataset(newer)).changed).toBe(true);
      const changed = { ...newer, version: 'same-revision-fixed' };
      expect((await store.syncDataset(changed)).changed).toBe(true);
      expect(await knex('dataset_state')).toEqual([
        expect.objectContaining({
          version: 'same-revision-fixed',
          revision: newer.revision,
        }),
      ]);
    });

    it('has a migration that rolls back, keeping the loaded dataset, and applies again', async () => {
      await store.syncDataset(current);
      await knex.migrate.down({
        directory: migrations,
        name: '20261201000000_dataset_revision.js',
      });
      expect(await knex.schema.hasColumn('dataset_state', 'revision')).toBe(
        false,
      );
      expect(await knex('dataset_state')).toEqual([
        expect.objectContaining({ version: current.version }),
      ]);
      await knex.migrate.latest({ directory: migrations });
      // A dataset loaded before revisions existed has revision 0: any release may replace it.
      expect(await knex('dataset_state')).toEqual([
        expect.objectContaining({ version: current.version, revision: 0 }),
      ]);
      expect((await store.syncDataset(newer)).changed).toBe(true);
    });
  },
);
