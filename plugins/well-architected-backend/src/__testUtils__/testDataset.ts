import path from 'node:path';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseService } from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';
import { Dataset } from '../dataset/types';
import { RoleStore } from '../database/RoleStore';
import { readDataset } from '../services/DatasetLoader';

/** The dataset that ships with the package, read once per test file. */
export function bundledDataset(): Promise<Dataset> {
  return readDataset(path.resolve(__dirname, '../../dataset'));
}

/** The server databases a store test can run on, besides SQLite. */
const SERVER_DATABASE_IDS: TestDatabaseId[] = ['POSTGRES_15', 'MYSQL_8'];

/**
 * The databases a store test runs on: SQLite always, PostgreSQL and MySQL/MariaDB when their
 * connection strings are set (`make test-databases` and CI set them; see
 * scripts/test-databases.sh). Never Docker, whatever `CI` says: a configured server that is
 * unreachable fails the test instead of skipping it.
 */
export function createTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', ...SERVER_DATABASE_IDS],
    disableDocker: true,
  });
  const required = (process.env.WELL_ARCHITECTED_REQUIRED_TEST_DATABASES ?? '')
    .split(',')
    .filter(Boolean) as TestDatabaseId[];
  const missing = required.filter(id => !databases.supports(id));
  if (missing.length > 0) {
    throw new Error(
      `Test databases ${missing.join(', ')} are required but not configured; ` +
        'set their BACKSTAGE_TEST_DATABASE_<ID>_CONNECTION_STRING (see scripts/test-databases.sh)',
    );
  }
  return databases;
}

/**
 * The server databases (PostgreSQL, MySQL/MariaDB) configured for a suite that only makes sense
 * on a server shared by several processes. Such suites are named `*.servers.test.ts`; `make test`
 * leaves them out and `make test-databases` runs them. Run on their own without a configured
 * server, they fail with this message rather than pass with nothing tested.
 */
export function serverDatabaseIds(databases: TestDatabases): TestDatabaseId[] {
  const ids = SERVER_DATABASE_IDS.filter(id => databases.supports(id));
  if (ids.length === 0) {
    throw new Error(
      'This suite needs PostgreSQL or MySQL/MariaDB; run it with `make test-databases`',
    );
  }
  return ids;
}

/**
 * Another connection pool to a test database, as another replica has; `connection` overrides
 * parts of the connection, such as the port of a proxy in front of the server.
 */
export function anotherPool(
  knex: Knex,
  overrides: { connection?: object; log?: Knex.Config['log'] } = {},
): Knex {
  const { connection } = knex.client.config;
  return knexFactory({
    ...knex.client.config,
    connection: {
      ...connection,
      // knex keeps the password out of the enumerable properties.
      password: connection.password,
      ...overrides.connection,
    },
    log: overrides.log,
  });
}

/** A DatabaseService over a test database's knex client. */
export function databaseServiceFor(knex: Knex): DatabaseService {
  return { getClient: async () => knex };
}

/** A RoleStore that holds one dataset in memory, for tests above the database layer. */
export function inMemoryRoleStore(dataset?: Dataset): jest.Mocked<RoleStore> {
  return {
    getDatasetVersion: jest.fn(async () => dataset?.version),
    readStoredDataset: jest.fn(async () => dataset),
    syncDataset: jest.fn(),
  };
}
