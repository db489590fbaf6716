import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  'backstage-plugin-well-architected-backend',
  'migrations',
);

/** The plugin's knex client, migrated to the latest schema unless migrations are to be skipped. */
export async function connectDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    // migrate.latest takes the migration lock (a write) even when there is nothing to do;
    // asking first keeps a restart free of writes.
    const [, pending] = await client.migrate.list({
      directory: migrationsDir,
    });
    if (pending.length > 0) {
      await client.migrate.latest({ directory: migrationsDir });
    }
  }
  return client;
}

/** A timestamp column as a Date, whichever way the driver returned it. */
export function readTimestamp(value: Date | string | number): Date {
  if (value instanceof Date) {
    return value;
  }
  // SQLite's CURRENT_TIMESTAMP is 'YYYY-MM-DD HH:MM:SS' in UTC, without a zone.
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\d \d/.test(value)) {
    return new Date(`${value.replace(' ', 'T')}Z`);
  }
  return new Date(value);
}
