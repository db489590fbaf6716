// The databases the benchmark runs on: an empty one for each run, its config, and a count of the
// writes the plugin made, so that a restart can be shown to write nothing.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');

const PLUGIN_ID = 'well-architected';

function postgres({ url, database }) {
  const server = new URL(url);
  const query = async (sql, params, db = 'postgres') => {
    const client = new Client({ connectionString: url, database: db });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
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
           FROM pg_stat_user_tables WHERE schemaname = $1`,
        [PLUGIN_ID],
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
    /** SQLite keeps no statistics; a digest of the plugin's database files changes with any write. */
    async writeMark() {
      const hash = crypto.createHash('sha1');
      for (const file of pluginFiles())
        hash.update(file).update(fs.readFileSync(path.join(dir, file)));
      return hash.digest('hex');
    },
    writesBetween(before, after) {
      const none = after === before;
      return {
        none,
        detail: `database files ${none ? 'unchanged' : 'changed'}`,
      };
    },
    async drop() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

module.exports = { postgres, sqlite };
