// The budgets of the benchmark, and the table it prints.

/** The budgets of the issue; ratios are what count, absolute figures vary by machine. */
const BUDGETS = {
  rolesList: { minRatio: 1.0, maxP99Ms: 50 },
  suggestions: { minRatio: 0.5, maxP99Ms: 200 },
  firstView: { minRatio: 0.5, maxP99Ms: 100 },
  coverage: { maxP99Ms: 200 },
  evaluationFromEmptyMs: 60_000,
  unchangedRoundMs: 5_000,
  firstStartMs: 2000,
  restartMs: 200,
  pluginInitialGzipBytes: 25 * 1024,
};

function scenarioChecks(db, scenarios) {
  const byId = Object.fromEntries(scenarios.map(s => [s.id, s]));
  // A run of some scenarios (BENCH_SCENARIOS) checks the budgets of those it ran.
  const paired = (id, budget) => {
    const s = byId[id];
    if (!s) return [];
    return [
      ...(budget.minRatio === undefined
        ? []
        : [
            [
              `${db}: ${id} ratio ${s.ratio} >= ${budget.minRatio}`,
              s.ratio >= budget.minRatio,
            ],
          ]),
      [
        `${db}: ${id} p99 ${s.plugin.p99Ms} ms < ${budget.maxP99Ms} ms (${s.plugin.requests} answered)`,
        // A load in which no request was answered has no latency to meet a budget with.
        s.plugin.requests > 0 && s.plugin.p99Ms < budget.maxP99Ms,
      ],
      [
        `${db}: ${id} no errors (${s.plugin.errors})`,
        s.plugin.errors === 0 && s.catalog.errors === 0,
      ],
    ];
  };
  return [
    ...paired('roles-list', BUDGETS.rolesList),
    ...paired('suggestions-50-parts', BUDGETS.suggestions),
    ...paired('suggestions-each-system', BUDGETS.firstView),
    ...paired('coverage', BUDGETS.coverage),
    ...scenarios
      .filter(s => !s.catalog)
      .map(s => [
        `${db}: ${s.id} no errors (${s.plugin.errors})`,
        s.plugin.errors === 0,
      ]),
  ];
}

function startupChecks(db, startup) {
  return [
    [
      `${db}: first start (migrations, dataset load) ${startup.first.pluginMs} ms < ${BUDGETS.firstStartMs} ms`,
      startup.first.pluginMs < BUDGETS.firstStartMs,
    ],
    [
      `${db}: restart adds ${startup.alone.pluginMs} ms (the plugin alone) < ${BUDGETS.restartMs} ms`,
      startup.alone.pluginMs < BUDGETS.restartMs,
    ],
    [
      `${db}: restart writes nothing (${startup.restart.writes.detail})`,
      startup.restart.writes.none,
    ],
  ];
}

function evaluationChecks(db, { fromEmpty, unchanged, restartRound }) {
  return [
    [
      `${db}: evaluation of ${fromEmpty.entities} Systems and Components from empty ${fromEmpty.durationMs} ms < ${BUDGETS.evaluationFromEmptyMs} ms`,
      fromEmpty.durationMs < BUDGETS.evaluationFromEmptyMs,
    ],
    [
      `${db}: unchanged round ${unchanged.durationMs} ms < ${BUDGETS.unchangedRoundMs} ms, ${unchanged.written} rows written`,
      unchanged.durationMs < BUDGETS.unchangedRoundMs &&
        unchanged.written === 0,
    ],
    [
      `${db}: the restart's round writes nothing (${restartRound.written} rows)`,
      restartRound.written === 0,
    ],
  ];
}

/** Every budget with whether this run met it. */
function checkBudgets(result) {
  const checks = [
    ...result.databases.flatMap(d => [
      ...scenarioChecks(d.database, d.scenarios),
      ...startupChecks(d.database, d.startup),
      ...evaluationChecks(d.database, d.evaluation),
    ]),
    [
      `frontend: plugins add ${result.frontend.pluginInitialGzipBytes} B gzip to the initial JS < ${BUDGETS.pluginInitialGzipBytes} B`,
      result.frontend.pluginInitialGzipBytes < BUDGETS.pluginInitialGzipBytes,
    ],
    [
      `frontend: page and cards load lazily (${result.frontend.lazy
        .map(l => l.module)
        .join(', ')})`,
      result.frontend.lazyOk,
    ],
  ];
  return checks.map(([budget, met]) => ({ budget, met }));
}

const cell = (value, width) => String(value).padStart(width);

/** The table of one database: one line per measured endpoint. */
function formatTable(db) {
  const lines = [
    `${db.database}: catalog of ${db.catalogEntities} entities processed in ${(
      db.catalogProcessingMs / 1000
    ).toFixed(0)} s`,
    `  ${'endpoint'.padEnd(26)}${cell('conns', 6)}${cell('req/s', 8)}${cell(
      'p50 ms',
      8,
    )}${cell('p99 ms', 8)}${cell('errors', 8)}${cell('ratio', 7)}`,
  ];
  for (const s of db.scenarios) {
    for (const side of ['catalog', 'plugin']) {
      const r = s[side];
      if (!r) continue;
      const ratio =
        side === 'plugin' && s.ratio !== undefined ? s.ratio.toFixed(2) : '';
      lines.push(
        `  ${r.id.padEnd(26)}${cell(r.connections, 6)}${cell(
          r.requestsPerSecond,
          8,
        )}${cell(r.p50Ms, 8)}${cell(r.p99Ms, 8)}${cell(r.errors, 8)}${cell(
          ratio,
          7,
        )}`,
      );
      if (r.cpu) {
        lines.push(
          `    backend CPU: ${r.cpu
            .map(c => `${c.owner} ${c.percent}%`)
            .join(', ')}`,
        );
      }
    }
  }
  const { fromEmpty, unchanged, memory } = db.evaluation;
  lines.push(
    `  evaluation: ${fromEmpty.entities} Systems and Components from empty in ${fromEmpty.durationMs} ms (${fromEmpty.written} rows), unchanged round ${unchanged.durationMs} ms (${unchanged.written} rows); backend RSS ${memory.rssBeforeMiB} MiB before, ${memory.rssAfterMiB} MiB after, peak ${memory.peakRssMiB} MiB`,
  );
  const { first, restart, alone } = db.startup;
  lines.push(
    `  start-up: first start ${first.pluginMs} ms (${first.dataset}); restart ${restart.pluginMs} ms beside the other plugins, ${alone.pluginMs} ms alone, ${restart.writes.detail}`,
  );
  return lines.join('\n');
}

function formatReport(result) {
  const { machine, frontend } = result;
  return [
    `Machine: ${machine.cpus} x ${machine.cpuModel}, ${
      machine.memoryGiB
    } GiB, Node ${machine.node}, load ${machine.loadAverage.join(' ')}`,
    ...result.databases.map(formatTable),
    `frontend: the plugins' code in the initial JS: ${
      frontend.pluginInitialGzipBytes
    } B gzip (${frontend.pluginInitialBytes} B) of ${
      frontend.initialJsGzipBytes
    } B gzip in ${frontend.initialScripts} scripts; lazy page and cards: ${
      frontend.lazyOk ? 'yes' : 'NO'
    }`,
    'Budgets:',
    ...result.budgets.map(
      b => `  ${b.met ? 'met    ' : 'MISSED '} ${b.budget}`,
    ),
  ].join('\n');
}

module.exports = { checkBudgets, formatReport };
