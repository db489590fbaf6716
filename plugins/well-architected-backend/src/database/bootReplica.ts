/* eslint-disable no-console */
/**
 * One backend replica's start-up work on the plugin's database, run as a process of its own by
 * firstBoot.test.ts: the migrations and the dataset load, as the plugin does them at start.
 * Reads the knex config as JSON from WELL_ARCHITECTED_REPLICA_KNEX; exits with 1 when the work fails.
 */
import knexFactory from 'knex';
import { LoggerService } from '@backstage/backend-plugin-api';
import { DatasetLoader } from '../services/DatasetLoader';
import { DatabaseRoleLinkStore } from './DatabaseRoleLinkStore';
import { DatabaseRoleStore } from './DatabaseRoleStore';

/** Problems go to stderr, which the test shows when a replica fails. */
const logger: LoggerService = {
  error: console.error,
  warn: console.warn,
  info() {},
  debug() {},
  child: () => logger,
};

async function main() {
  const knex = knexFactory(
    JSON.parse(process.env.WELL_ARCHITECTED_REPLICA_KNEX!),
  );
  try {
    const database = { getClient: async () => knex };
    const store = await DatabaseRoleStore.create({ database });
    await DatabaseRoleLinkStore.create({ database });
    await new DatasetLoader({ store, logger }).load();
  } finally {
    await knex.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
