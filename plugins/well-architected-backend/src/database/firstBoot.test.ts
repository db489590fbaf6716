import knexFactory, { Knex } from 'knex';
import { mockServices } from '@backstage/backend-test-utils';
import {
  createTestDatabases,
  databaseServiceFor,
} from '../__testUtils__/testDataset';
import { DatasetLoader } from '../services/DatasetLoader';
import { DatabaseRoleLinkStore } from './DatabaseRoleLinkStore';
import { DatabaseRoleStore } from './DatabaseRoleStore';

jest.setTimeout(300_000);

const databases = createTestDatabases();
const REPLICAS = 4;
const ROUNDS = 20;

/** What one backend replica does at start with the plugin's database. */
async function boot(knex: Knex) {
  const database = databaseServiceFor(knex);
  const store = await DatabaseRoleStore.create({ database });
  await DatabaseRoleLinkStore.create({ database });
  await new DatasetLoader({ store, logger: mockServices.logger.mock() }).load();
}

describe('first boot of several replicas on one empty database', () => {
  // SQLite is one file behind one process; replicas share PostgreSQL or MySQL.
  const shared = databases
    .eachSupportedId()
    .filter(([id]) => id !== 'SQLITE_3');

  it.each(shared)(
    `migrates once and loads the dataset once when ${REPLICAS} replicas start at once on %s`,
    async databaseId => {
      for (let round = 0; round < ROUNDS; round++) {
        const first = await databases.init(databaseId);
        // Each replica has a connection pool of its own, as separate processes would.
        const replicas = [
          first,
          ...Array.from({ length: REPLICAS - 1 }, () =>
            knexFactory(first.client.config),
          ),
        ];
        try {
          await Promise.all(replicas.map(boot));
          const migrations = await first('knex_migrations').select('name');
          expect(migrations.map(m => m.name).sort()).toEqual([
            '20261128210000_role_catalogue.js',
            '20261129000000_role_links.js',
          ]);
          const [{ n }] = await first('responsibilities').count({ n: '*' });
          expect(Number(n)).toBe(129);
          const [{ states }] = await first('dataset_state').count({
            states: '*',
          });
          expect(Number(states)).toBe(1);
        } finally {
          await Promise.all(replicas.slice(1).map(r => r.destroy()));
        }
      }
    },
  );
});
