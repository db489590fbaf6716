// The databases the benchmark runs on: an empty one for each run, its config, and a count of the
// writes the plugin made, so that a restart can be shown to write nothing.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const Database = require('better-sqlite3');
const { Client } = require('pg');

const PLUGIN_ID = 'well-architected';

/**
 * Tables that the framework keeps in every plugin's database and writes on its own: the key store
 * of the tokens it issues, and the scheduler's tasks (each start registers the plugin's tasks,
 * each run takes a lock). The plugin's own tables are what a restart must leave alone.
 */
const FRAMEWORK_TABLES = [
  'backstage_backend_public_keys__',
  'backstage_backend_tasks__',
];

function postgres({ url, database }) {
  const server = new URL(url);
  const query = async (sql, params, db = 'postgres') => {
    // The database goes into the URL: pg lets a connection string override a `database` option.
    const target = new URL(url);
    target.pathname = `/${db}`;
    const client = new Client({ connectionString: target.toString() });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  /** The plugin's schema: the one that holds its tables, whatever prefix the backend gives it. */
  const pluginSchema = async () => {
    const [row] = await query(
      `SELECT table_schema FROM information_schema.tables WHERE table_name = 'role_links'`,
      [],
      database,
    );
    if (!row) throw new Error(`No plugin tables in the database ${database}`);
    return row.table_schema;
  };
  return {
    name: 'postgres',
    config: 'app-config.postgres.yaml',
    env: {
      WA_BENCH_PG_HOST: server.hostname,
      WA_BENCH_PG_PORT: server.port || '5432',
      WA_BENCH_PG_USER: decodeURIComponent(server.username) || 'postgres',
      WA_BENCH_PG_DATABASE: database,
    },
    async reset() {
      await query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await query(`CREATE DATABASE "${database}"`);
    },
    /**
     * Rows the plugin has inserted, updated or deleted in its schema, from PostgreSQL's table
     * statistics. Read after the backend has exited: a connection reports its counts as it closes.
     */
    async writeMark() {
      const [row] = await query(
        `SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::int AS writes
           FROM pg_stat_user_tables
          WHERE schemaname = $1 AND NOT (relname LIKE $2 OR relname LIKE $3)`,
        [await pluginSchema(), ...FRAMEWORK_TABLES.map(prefix => `${prefix}%`)],
        database,
      );
      return row.writes;
    },
    writesBetween(before, after) {
      return {
        none: after === before,
        detail: `${after - before} rows written`,
      };
    },
    async drop() {
      await query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    },
  };
}

function sqlite({ dir }) {
  const pluginFiles = () =>
    fs
      .readdirSync(dir)
      .filter(f => f.startsWith(PLUGIN_ID))
      .sort();
  return {
    name: 'sqlite',
    config: 'app-config.sqlite.yaml',
    env: { WA_BENCH_SQLITE_DIR: dir },
    async reset() {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
    },
    /**
     * SQLite keeps no statistics of writes: a digest of the rows of each of the plugin's tables
     * changes with any write. (The file's bytes are no measure: opening a database replays and
     * folds in its write-ahead log without any new write.) The framework's tables are left out.
     */
    async writeMark() {
      const digests = {};
      for (const file of pluginFiles().filter(f => f.endsWith('.sqlite'))) {
        const db = new Database(path.join(dir, file), { readonly: true });
        try {
          const tables = db
            .prepare(
              "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
            )
            .all()
            .filter(
              ({ name }) => !FRAMEWORK_TABLES.some(p => name.startsWith(p)),
            );
          for (const { name } of tables) {
            const rows = db.prepare(`SELECT * FROM "${name}"`).all();
            digests[name] = crypto
              .createHash('sha1')
              .update(JSON.stringify(rows))
              .digest('hex');
          }
        } finally {
          db.close();
        }
      }
      return digests;
    },
    writesBetween(before, after) {
      const changed = [
        ...new Set([...Object.keys(before), ...Object.keys(after)]),
      ].filter(table => before[table] !== after[table]);
      return {
        none: changed.length === 0,
        detail:
          changed.length === 0
            ? "the plugin's tables unchanged"
            : `changed: ${changed.join(', ')}`,
      };
    },
    async drop() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

module.exports = { postgres, sqlite };
