import fs from 'node:fs/promises';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { DbRevisionRow } from './tables';

const migrationsDir = resolvePackagePath(
  'backstage-plugin-well-architected-backend',
  'migrations',
);

const STARTUP_LOCK = 'backstage-plugin-well-architected-startup';

/**
 * Runs start-up work (migrations, the dataset load) in one replica at a time. knex's own
 * migration lock does not cover the first boot: every replica that finds no knex_migrations table
 * tries to create it. PostgreSQL and MySQL hold a named lock on a connection of its own while the
 * work runs on others; SQLite is one file in one process and needs none.
 */
export async function withStartupLock<T>(
  client: Knex,
  work: () => Promise<T>,
): Promise<T> {
  const dialect = client.client.dialect as string;
  if (dialect === 'postgresql') {
    return client.transaction(async lock => {
      await lock.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [
        STARTUP_LOCK,
      ]);
      return work();
    });
  }
  if (dialect === 'mysql') {
    return client.transaction(async lock => {
      const [[{ locked }]] = await lock.raw(
        'SELECT GET_LOCK(?, 120) AS locked',
        [STARTUP_LOCK],
      );
      if (Number(locked) !== 1) {
        throw new Error(
          'Another replica held the Well-Architected start-up lock for 120 s; is a migration stuck?',
        );
      }
      try {
        return await work();
      } finally {
        await lock.raw('SELECT RELEASE_LOCK(?)', [STARTUP_LOCK]);
      }
    });
  }
  return work();
}

/**
 * Whether every migration has run, found out without writing anything: knex's `migrate.list`
 * creates knex's own tables when they are missing, which several replicas on an empty database
 * must not do at once.
 */
async function migrated(client: Knex): Promise<boolean> {
  for (const table of ['knex_migrations', 'knex_migrations_lock']) {
    if (!(await client.schema.hasTable(table))) {
      return false;
    }
  }
  const [done, files] = await Promise.all([
    client('knex_migrations').pluck('name'),
    fs.readdir(migrationsDir),
  ]);
  return files.filter(f => f.endsWith('.js')).every(f => done.includes(f));
}

async function migrate(database: DatabaseService): Promise<Knex> {
  const client = await database.getClient();
  // migrate.latest takes the migration lock (a write) even when there is nothing to do; asking
  // first keeps a restart free of writes and of the start-up lock. Under the lock, the question
  // is asked again: another replica may have migrated meanwhile.
  if (!database.migrations?.skip && !(await migrated(client))) {
    await withStartupLock(client, async () => {
      if (!(await migrated(client))) {
        await client.migrate.latest({ directory: migrationsDir });
      }
    });
  }
  return client;
}

/** Each database service is migrated once, however many stores connect to it. */
const connections = new WeakMap<DatabaseService, Promise<Knex>>();

/** The plugin's knex client, migrated to the latest schema unless migrations are to be skipped. */
export function connectDatabase(database: DatabaseService): Promise<Knex> {
  let connection = connections.get(database);
  if (!connection) {
    connection = migrate(database);
    connections.set(database, connection);
    // A failed start may be retried with the same service.
    connection.catch(() => connections.delete(database));
  }
  return connection;
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

/** A store on the plugin's database, made with the connection `connectDatabase` gives. */
export abstract class KnexStore {
  constructor(protected readonly db: Knex) {}

  /** Connects to the plugin's database and runs its migrations unless told to skip them. */
  static async create<T>(
    this: new (db: Knex) => T,
    options: { database: DatabaseService },
  ): Promise<T> {
    return new this(await connectDatabase(options.database));
  }

  /** The counter of a one-row revision table (`id` "current", `revision`), as a string. */
  protected async readRevision(table: string): Promise<string> {
    const row = await this.db<DbRevisionRow>(table)
      .where({ id: 'current' })
      .first('revision');
    return String(row?.revision ?? 0);
  }

  /**
   * Raises the counter of a one-row revision table; called after each change, so that a reader
   * never holds a change under the revision before it.
   */
  protected async raiseRevision(table: string): Promise<void> {
    await this.db<DbRevisionRow>(table)
      .where({ id: 'current' })
      .increment('revision', 1);
  }

  /**
   * The rows of `table` sorted by the `orderBy` columns, only those whose column is one of the
   * values `where` gives for it; a column given no values does not filter.
   */
  protected async selectRows<Row>(
    table: string,
    orderBy: string[],
    where: Record<string, string[] | undefined>,
  ): Promise<Row[]> {
    const query = this.db(table).orderBy(orderBy);
    for (const [column, values] of Object.entries(where)) {
      if (values) {
        query.whereIn(column, values);
      }
    }
    return (await query) as Row[];
  }
}
