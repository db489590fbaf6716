import path from 'node:path';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { Dataset } from '../dataset/types';
import { readDataset } from '../services/DatasetLoader';

/** The dataset that ships with the package, read once per test file. */
export function bundledDataset(): Promise<Dataset> {
  return readDataset(path.resolve(__dirname, '../../dataset'));
}

/**
 * The databases a store test runs on: SQLite always, PostgreSQL and MySQL/MariaDB when their
 * connection strings are set (CI sets them; see .ci/run). A configured server that is unreachable
 * fails the test instead of skipping it.
 */
export function createTestDatabases(): TestDatabases {
  return TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15', 'MYSQL_8'] satisfies TestDatabaseId[],
  });
}

/** A DatabaseService over a test database's knex client. */
export function databaseServiceFor(knex: Knex): DatabaseService {
  return { getClient: async () => knex };
}
