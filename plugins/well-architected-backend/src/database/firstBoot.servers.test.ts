import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Knex } from 'knex';
import {
  createTestDatabases,
  serverDatabaseIds,
} from '../__testUtils__/testDataset';

jest.setTimeout(600_000);

const databases = createTestDatabases();
const REPLICAS = 4;
const ROUNDS = 20;

/**
 * Starts one replica: a Node process of its own that runs the plugin's start-up work (migrations,
 * dataset load) on the database behind `knex`, and fails with the replica's stderr if it fails.
 */
async function startReplica(knex: Knex) {
  const { client, connection } = knex.client.config;
  const config = {
    client,
    // knex keeps the password out of the enumerable properties.
    connection: { ...connection, password: connection.password },
  };
  await promisify(execFile)(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.resolve(__dirname, 'bootReplica.ts'),
    ],
    {
      env: {
        ...process.env,
        WELL_ARCHITECTED_REPLICA_KNEX: JSON.stringify(config),
      },
    },
  );
}

describe('first boot of several replicas on one empty database', () => {
  // SQLite is one file behind one process; replicas share PostgreSQL or MySQL.
  it.each(serverDatabaseIds(databases))(
    `migrates once and loads the dataset once when ${REPLICAS} replica processes start at once on %s, ${ROUNDS} rounds`,
    async databaseId => {
      for (let round = 0; round < ROUNDS; round++) {
        const database = await databases.init(databaseId);
        await Promise.all(
          Array.from({ length: REPLICAS }, () => startReplica(database)),
        );
        const migrations = await database('knex_migrations').select('name');
        expect(migrations.map(m => m.name).sort()).toEqual([
          '20261128210000_role_catalogue.js',
          '20261129000000_role_links.js',
          '20261201000000_dataset_revision.js',
          '20261201000100_role_links_revision.js',
          '20261202000000_evaluations.js',
          '20261203000000_suggestion_decisions.js',
          '20261203000100_coverage_history.js',
          '20261204000000_evaluations_revision.js',
        ]);
        const [{ n }] = await database('responsibilities').count({ n: '*' });
        expect(Number(n)).toBe(129);
        const [{ states }] = await database('dataset_state').count({
          states: '*',
        });
        expect(Number(states)).toBe(1);
      }
    },
  );
});
