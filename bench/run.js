// The benchmark (`make bench`): runs the production build of the backend on each database with a
// generated catalog of 10,000 entities, loads the plugin's endpoints next to the catalog's, times
// the plugin's start-up, measures the frontend build, prints a table with the budgets and writes
// it all to bench/results/. Usage: node bench/run.js <production workspace>
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const YAML = require('yaml');
const {
  startBackend,
  findLog,
  client,
  waitForCatalog,
  evaluationRounds,
  waitForRounds,
} = require('./lib/backend');
const { datasetRoleIds, generateCatalog } = require('./lib/catalog');
const { postgres, sqlite } = require('./lib/databases');
const { measureFrontend } = require('./lib/frontend');
const { profilerOf } = require('./lib/profile');
const { checkBudgets, formatReport } = require('./lib/report');
const { runScenarios } = require('./lib/scenarios');

const repoRoot = path.resolve(__dirname, '..');
const workDir = path.join(__dirname, '.work');
const log = message => console.log(message);

const settings = {
  port: process.env.WA_BENCH_PORT ?? '7107',
  databases: (process.env.BENCH_DATABASES ?? 'postgres,sqlite').split(','),
  durationSeconds: Number(process.env.BENCH_DURATION ?? 10),
  /** The load scenarios to run (lib/scenarios.js ids, comma-separated); all when unset. */
  scenarios: (process.env.BENCH_SCENARIOS ?? '').split(',').filter(Boolean),
  postgresUrl:
    process.env.WA_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432',
  postgresDatabase: process.env.WA_BENCH_PG_DATABASE ?? 'wa_bench',
  portalLinks: 40,
  /** Callers with a token of their own: the first-view scenario rotates through them. */
  callers: 50,
  /** Whether each measured load records a CPU profile of the backend (lib/profile.js). */
  cpuProfile: process.env.BENCH_CPU_PROFILE === '1',
};

/**
 * A config with the benchmark's token and one per caller, each an external access token with a
 * subject of its own, so that every caller is another principal to the plugin and the catalog.
 */
function writeCallersConfig(file, token) {
  const callerTokens = Array.from(
    { length: settings.callers },
    (_, i) => `${token}-caller-${i}`,
  );
  const entries = [
    { token, subject: 'benchmark' },
    ...callerTokens.map((t, i) => ({ token: t, subject: `caller-${i}` })),
  ];
  fs.writeFileSync(
    file,
    YAML.stringify({
      backend: {
        auth: {
          externalAccess: entries.map(options => ({ type: 'static', options })),
        },
      },
    }),
  );
  return callerTokens;
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0].model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: os.loadavg().map(l => l.toFixed(2)),
  };
}

function database(name) {
  if (name === 'postgres')
    return postgres({
      url: settings.postgresUrl,
      database: settings.postgresDatabase,
    });
  if (name === 'sqlite') return sqlite({ dir: path.join(workDir, 'sqlite') });
  throw new Error(
    `Unknown database '${name}' in BENCH_DATABASES; use postgres, sqlite`,
  );
}

/** The plugin's own report of how long its start took, and what it did to the dataset. */
function pluginStart(logFile) {
  const started = findLog(logFile, 'well-architected', /^Started in (\d+) ms$/);
  if (!started)
    throw new Error(`The plugin did not report its start in ${logFile}`);
  const loaded = findLog(
    logFile,
    'well-architected',
    /^Loaded Well-Architected dataset \w+: (.*)$/,
  );
  return {
    pluginMs: Number(started[1]),
    dataset: loaded ? loaded[1] : 'already loaded, nothing written',
  };
}

/** Portal links from teams to roles, as users would make them on the roles page. */
async function makePortalLinks(api, catalog, roleIds) {
  for (let i = 0; i < settings.portalLinks; i++) {
    const roleId = roleIds[(i * 5) % roleIds.length];
    const groupRef = encodeURIComponent(
      catalog.teamRefs[(i * 11) % catalog.teamRefs.length],
    );
    await api(`/api/well-architected/roles/${roleId}/groups/${groupRef}`, {
      method: 'PUT',
    });
  }
}

/**
 * The evaluation from empty and an unchanged round after it: the backend started with rounds
 * every 30 s on a database whose catalog is processed and whose evaluation is empty, and its
 * memory read before the first round, after it, and at its peak.
 */
async function measureEvaluation(backend) {
  const run = await backend('evaluation', undefined, {
    WA_BENCH_EVALUATION_DELAY: 'PT20S',
    WA_BENCH_EVALUATION_FREQUENCY: 'PT30S',
  });
  try {
    if (evaluationRounds(run.logFile).length > 0) {
      throw new Error('The first round started before the backend was ready');
    }
    const before = run.memory();
    const [fromEmpty] = await waitForRounds(run.logFile, 1);
    const after = run.memory();
    const [, unchanged] = await waitForRounds(run.logFile, 2);
    return {
      fromEmpty,
      unchanged,
      memory: {
        rssBeforeMiB: before.rssMiB,
        rssAfterMiB: after.rssMiB,
        peakRssMiB: after.peakRssMiB,
      },
    };
  } finally {
    await run.stop();
  }
}

async function benchDatabase(
  db,
  { workspace, catalog, roleIds, token, callerTokens, callersConfig },
) {
  const baseUrl = `http://localhost:${settings.port}`;
  const api = client(baseUrl, token);
  const backend = (which, entry, env = {}, nodeOptions = []) =>
    startBackend({
      entry,
      nodeOptions,
      workspace,
      baseUrl,
      configs: [
        path.join(repoRoot, 'app-config.yaml'),
        path.join(__dirname, 'config', 'app-config.bench.yaml'),
        path.join(__dirname, 'config', db.config),
        callersConfig,
      ],
      env: {
        ...db.env,
        WA_BENCH_PORT: settings.port,
        WA_BENCH_TOKEN: token,
        WA_BENCH_CATALOG: catalog.file,
        WA_BENCH_EVALUATION_DELAY: 'PT2S',
        WA_BENCH_EVALUATION_FREQUENCY: 'PT1H',
        ...env,
      },
      logFile: path.join(workDir, `backend-${db.name}-${which}.log`),
    });

  log(`${db.name}: first start on an empty database`);
  await db.reset();
  // No round while the catalog is being processed: a round reads the whole catalog, which on
  // SQLite holds up the catalog's own processing.
  const first = await backend('first', undefined, {
    WA_BENCH_EVALUATION_DELAY: 'PT1H',
  });
  try {
    const catalogProcessingMs = await waitForCatalog(api, catalog);
    log(
      `${db.name}: catalog processed in ${Math.round(
        catalogProcessingMs / 1000,
      )} s`,
    );
    await makePortalLinks(api, catalog, roleIds);
    await first.stop();

    log(`${db.name}: the evaluation from empty, then an unchanged round`);
    const evaluation = await measureEvaluation(backend);
    log(
      `  from empty ${evaluation.fromEmpty.durationMs} ms (${evaluation.fromEmpty.written} written), unchanged ${evaluation.unchanged.durationMs} ms (${evaluation.unchanged.written} written), RSS ${evaluation.memory.rssBeforeMiB} -> ${evaluation.memory.rssAfterMiB} MiB (peak ${evaluation.memory.peakRssMiB})`,
    );
    const mark = await db.writeMark();

    log(
      `${db.name}: restart with nothing to do (one unchanged round), then the load scenarios`,
    );
    const restart = await backend(
      'restart',
      undefined,
      {},
      settings.cpuProfile ? ['--inspect=127.0.0.1:0'] : [],
    );
    let scenarios;
    let restartRound;
    let profiler;
    try {
      [restartRound] = await waitForRounds(restart.logFile, 1);
      profiler = settings.cpuProfile
        ? await profilerOf(
            restart.logFile,
            path.join(workDir, 'profiles', db.name),
          )
        : undefined;
      scenarios = await runScenarios({
        profiler,
        baseUrl,
        token,
        catalog,
        roleIds,
        callerTokens,
        durationSeconds: settings.durationSeconds,
        only: settings.scenarios,
        log,
      });
    } finally {
      profiler?.close();
      await restart.stop();
    }
    const restartWrites = db.writesBetween(mark, await db.writeMark());
    log(`${db.name}: the plugin alone, started again on the same database`);
    const alone = await backend(
      'alone',
      path.join(__dirname, 'lib', 'pluginAlone.js'),
    );
    await alone.stop();
    return {
      database: db.name,
      catalogEntities: catalog.total,
      catalogProcessingMs,
      portalLinks: settings.portalLinks,
      scenarios,
      evaluation: { ...evaluation, restartRound },
      startup: {
        first: { ...pluginStart(first.logFile), readyMs: first.readyMs },
        restart: {
          ...pluginStart(restart.logFile),
          readyMs: restart.readyMs,
          writes: restartWrites,
        },
        alone: pluginStart(alone.logFile),
      },
    };
  } finally {
    await first.stop();
    await db.drop();
  }
}

async function main() {
  const workspace = process.argv[2];
  if (!workspace)
    throw new Error('Usage: node bench/run.js <production workspace>');
  const startedAt = new Date();
  const machineAtStart = machine();
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });

  const roleIds = datasetRoleIds();
  const catalog = generateCatalog(path.join(workDir, 'catalog.yaml'), roleIds);
  const token = crypto.randomBytes(24).toString('base64url');
  const callersConfig = path.join(workDir, 'app-config.callers.yaml');
  const callerTokens = writeCallersConfig(callersConfig, token);

  const frontend = measureFrontend(path.join(repoRoot, 'packages/app/dist'));
  const databases = [];
  for (const name of settings.databases) {
    databases.push(
      await benchDatabase(database(name), {
        workspace,
        catalog,
        roleIds,
        token,
        callerTokens,
        callersConfig,
      }),
    );
  }

  const result = {
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: { ...machineAtStart, loadAverageAtEnd: machine().loadAverage },
    settings: { ...settings, postgresUrl: undefined },
    catalog: {
      counts: catalog.counts,
      bigSystemRef: catalog.bigSystemRef,
      bigSystemParts: catalog.bigSystemParts.length,
    },
    databases,
    frontend,
  };
  result.budgets = checkBudgets(result);

  const resultsDir = path.join(__dirname, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(
    resultsDir,
    `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`,
  );
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(formatReport(result));
  log(`Results: ${path.relative(repoRoot, file)}`);
  if (result.budgets.some(b => !b.met)) process.exitCode = 1;
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
