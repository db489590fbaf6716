// Starts and stops the production build of the backend, and waits for what the benchmark needs.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Polls `check` every `intervalMs` until it returns a truthy value; fails after `timeoutMs`. */
async function waitFor(what, check, { timeoutMs, intervalMs = 1000 }) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs / 1000} s waiting for ${what}${
          last ? `: ${last}` : ''
        }`,
      );
    }
    await sleep(intervalMs);
  }
}

/**
 * Starts `node packages/backend` (or the given entry script) in the production workspace with the
 * given configs and Node options; its log goes to `logFile`. Resolves once the backend is ready,
 * with the time that took.
 */
async function startBackend({
  workspace,
  configs,
  env,
  logFile,
  baseUrl,
  entry = 'packages/backend',
  nodeOptions = [],
}) {
  const log = fs.openSync(logFile, 'w');
  const startedAt = Date.now();
  const child = spawn(
    process.execPath,
    [
      ...nodeOptions,
      entry,
      ...configs.flatMap(c => ['--config', path.resolve(c)]),
    ],
    {
      cwd: workspace,
      env: { ...process.env, ...env, NODE_ENV: 'production' },
      stdio: ['ignore', log, log],
    },
  );
  fs.closeSync(log);
  let exited;
  child.on('exit', code => {
    exited = code;
  });
  try {
    await waitFor(
      `the backend to be ready (log: ${logFile})`,
      async () => {
        if (exited !== undefined) {
          throw new Error(`the backend exited with ${exited}; see ${logFile}`);
        }
        const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
        return res.ok;
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    readyMs: Date.now() - startedAt,
    logFile,
    /** Resident memory of the backend now, and its peak since it started, in MiB. */
    memory() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kib = field =>
        Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)[1]);
      return {
        rssMiB: Math.round(kib('VmRSS') / 1024),
        peakRssMiB: Math.round(kib('VmHWM') / 1024),
      };
    },
    /** Stops the backend and waits until it has exited (and closed its connections). */
    async stop() {
      if (exited !== undefined) return;
      const gone = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** Every log line of `plugin` that matches `pattern`, each parsed by `pattern`. */
function findLogs(logFile, plugin, pattern) {
  const matches = [];
  for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line);
    const match = entry.plugin === plugin && pattern.exec(entry.message);
    if (match) matches.push(match);
  }
  return matches;
}

/** The message of the first log line of `plugin` that matches `pattern`, parsed by `pattern`. */
function findLog(logFile, plugin, pattern) {
  return findLogs(logFile, plugin, pattern)[0];
}

const ROUND =
  /^Evaluated (\d+) Systems and Components \(shard \d+ of \d+\) in (\d+) ms: (\d+) written, (\d+) removed$/;

/** The evaluation rounds the plugin has logged so far. */
function evaluationRounds(logFile) {
  return findLogs(logFile, 'well-architected', ROUND).map(m => ({
    entities: Number(m[1]),
    durationMs: Number(m[2]),
    written: Number(m[3]),
    removed: Number(m[4]),
  }));
}

/** Waits until the plugin has logged `count` evaluation rounds, and returns them. */
async function waitForRounds(logFile, count, timeoutMs = 600_000) {
  return waitFor(
    `${count} evaluation rounds (log: ${logFile})`,
    () => {
      const rounds = evaluationRounds(logFile);
      return rounds.length >= count && rounds;
    },
    { timeoutMs, intervalMs: 500 },
  );
}

/** A fetch of the backend with the benchmark's credentials that fails on an error status. */
function client(baseUrl, token) {
  return async (urlPath, init = {}) => {
    const res = await fetch(`${baseUrl}${urlPath}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });
    if (!res.ok)
      throw new Error(
        `${init.method ?? 'GET'} ${urlPath}: ${res.status} ${await res.text()}`,
      );
    return res.status === 204 ? undefined : res.json();
  };
}

/**
 * Waits until the catalog has processed and stitched the generated catalog: every kind has its
 * count, and the big System has all its parts. A busy machine takes longer than the default
 * ten minutes: `BENCH_CATALOG_TIMEOUT` (seconds) gives it more.
 */
async function waitForCatalog(api, catalog) {
  const timeoutMs = Number(process.env.BENCH_CATALOG_TIMEOUT ?? 600) * 1000;
  const startedAt = Date.now();
  await waitFor(
    `the catalog to process ${catalog.total} entities`,
    async () => {
      const { facets } = await api('/api/catalog/entity-facets?facet=kind');
      const counts = Object.fromEntries(
        facets.kind.map(f => [f.value, f.count]),
      );
      const done = Object.entries(catalog.counts).every(
        ([kind, count]) => counts[kind] === count,
      );
      if (!done) return false;
      const system = await api(
        `/api/catalog/entities/by-name/system/default/${
          catalog.bigSystemRef.split('/')[1]
        }`,
      );
      return (
        system.relations.filter(r => r.type === 'hasPart').length ===
        catalog.bigSystemParts.length
      );
    },
    { timeoutMs, intervalMs: 2000 },
  );
  return Date.now() - startedAt;
}

module.exports = {
  startBackend,
  findLog,
  client,
  waitForCatalog,
  waitFor,
  evaluationRounds,
  waitForRounds,
};
