// How the evaluation's cost grows with the catalog: a round from empty and an unchanged round at
// 10,000, 20,000 and 40,000 entities (the benchmark's generated catalog, every kind in
// proportion), with the resident memory of the process, on PostgreSQL. Writes the table into
// docs/benchmarks.md, the chart to docs/images/evaluation-scale.svg and the figures to
// bench/results/. Usage, with the production workspace that scripts/build-production.sh prints:
//   node bench/scale.js <production workspace>
//
// The evaluator is the plugin's own code (CatalogEvaluator from the built dist/, its database
// store on PostgreSQL), but the catalog it reads is in the same process: a reader that serves the
// generated entities, with the relations the catalog would derive and only the fields asked for,
// page by page, each page parsed from JSON as the catalog client parses an answer. The real
// catalog takes minutes to ingest 10,000 entities on the 2-core machine, so 40,000 would take most
// of an hour; this measures the evaluator, not the catalog's own work of serving the pages.
const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const knexFactory = require('knex');
const { Client } = require('pg');
const {
  parseEntityRef,
  stringifyEntityRef,
} = require('@backstage/catalog-model');
const { datasetRoleIds, generateEntities } = require('./lib/catalog');

const repoRoot = path.resolve(__dirname, '..');
const SCALES = [1, 2, 4];
const postgresUrl =
  process.env.WA_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const database = `${process.env.WA_BENCH_PG_DATABASE ?? 'wa_bench'}_scale`;

/** The relations the catalog's built-in processor derives from these spec fields, both ways. */
const SPEC_RELATIONS = [
  ['owner', 'group', 'ownedBy', 'ownerOf'],
  ['system', 'system', 'partOf', 'hasPart'],
  ['domain', 'domain', 'partOf', 'hasPart'],
  ['subcomponentOf', 'component', 'partOf', 'hasPart'],
  ['providesApis', 'api', 'providesApi', 'apiProvidedBy'],
  ['consumesApis', 'api', 'consumesApi', 'apiConsumedBy'],
  ['dependsOn', undefined, 'dependsOn', 'dependencyOf'],
  ['memberOf', 'group', 'memberOf', 'hasMember'],
  ['parent', 'group', 'childOf', 'parentOf'],
];

/** The entities as the catalog serves them: relations, an etag, a namespace. */
function asServed(entities) {
  const relations = new Map();
  const add = (from, type, targetRef) => {
    if (!relations.has(from)) relations.set(from, []);
    relations.get(from).push({ type, targetRef });
  };
  for (const entity of entities) {
    const self = stringifyEntityRef(entity);
    for (const [field, defaultKind, forward, backward] of SPEC_RELATIONS) {
      const value = entity.spec?.[field];
      for (const target of [value].flat().filter(Boolean)) {
        const targetRef = stringifyEntityRef(
          parseEntityRef(target, { defaultKind, defaultNamespace: 'default' }),
        );
        add(self, forward, targetRef);
        add(targetRef, backward, self);
      }
    }
  }
  return entities.map(entity => ({
    ...entity,
    metadata: { ...entity.metadata, etag: `${entity.metadata.name}-1` },
    relations: relations.get(stringifyEntityRef(entity)) ?? [],
  }));
}

/** Only the fields asked for, as the catalog's `fields` parameter gives them. */
function project(entity, fields) {
  const out = {};
  for (const field of fields) {
    const keys = field.split('.');
    let from = entity;
    for (const key of keys) from = from?.[key];
    if (from === undefined) continue;
    let to = out;
    for (const key of keys.slice(0, -1)) to = to[key] ??= {};
    to[keys.at(-1)] = from;
  }
  return out;
}

/** A catalog over `entities` that answers the evaluator's paged queries by kind. */
function inProcessCatalog(entities) {
  const serialized = new Map();
  const matching = (filter, fields) => {
    const kinds = [filter.kind].flat().map(k => k.toLowerCase());
    const key = JSON.stringify([kinds, fields]);
    if (!serialized.has(key)) {
      serialized.set(
        key,
        entities
          .filter(e => kinds.includes(e.kind.toLowerCase()))
          .map(e => JSON.stringify(project(e, fields))),
      );
    }
    return serialized.get(key);
  };
  return {
    async queryEntities(request) {
      const { filter, offset } = request.cursor
        ? JSON.parse(request.cursor)
        : { filter: request.filter, offset: 0 };
      const all = matching(filter, request.fields);
      const end = offset + request.limit;
      return {
        items: JSON.parse(`[${all.slice(offset, end).join(',')}]`),
        totalItems: all.length,
        pageInfo: {
          nextCursor:
            end < all.length
              ? JSON.stringify({ filter, offset: end })
              : undefined,
        },
      };
    },
    async getEntitiesByRefs() {
      throw new Error('not read by a round');
    },
    async getEntities() {
      throw new Error('not read by a round');
    },
  };
}

const rssMiB = () => {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const kib = field =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)[1]);
  return {
    rss: Math.round(kib('VmRSS') / 1024),
    peak: Math.round(kib('VmHWM') / 1024),
  };
};

async function postgresQuery(sql) {
  const client = new Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** One scale, in a process of its own, so that its memory is its own. */
async function measureScale(workspace, scale) {
  const dist = path.join(workspace, 'plugins/well-architected-backend/dist');
  const load = name => require(path.join(dist, name));
  const { CatalogEvaluator } = load(
    'services/evaluation/CatalogEvaluator.cjs.js',
  );
  const { DatabaseEvaluationStore } = load(
    'database/DatabaseEvaluationStore.cjs.js',
  );
  const { SuggestionEngine, SUGGESTION_FIELDS } = load(
    'services/suggestions/SuggestionEngine.cjs.js',
  );
  const { GROUP_FIELDS } = load('services/entityFields.cjs.js');
  const { USER_FIELDS, DOMAIN_FIELDS } = load(
    'services/evaluation/organisation.cjs.js',
  );
  const { defaultSuggestionRules } = load(
    'services/suggestions/defaultRules.cjs.js',
  );
  const { defaultVocabulary } = load('services/signals/vocabulary.cjs.js');
  const { readDataset } = load('services/DatasetLoader.cjs.js');
  const { RoleDatasetSnapshot } = load('services/RoleDataset.cjs.js');
  // The bundled dataset, as the plugin serves it: the rules read its responsibility flags.
  const dataset = new RoleDatasetSnapshot(
    await readDataset(path.join(dist, '../dataset')),
  );

  const roleIds = datasetRoleIds();
  const { all } = generateEntities(roleIds, scale);
  const catalog = inProcessCatalog(asServed(all));

  const target = new URL(postgresUrl);
  target.pathname = `/${database}`;
  const knex = knexFactory({ client: 'pg', connection: target.toString() });
  const logger = {
    info() {},
    warn() {},
    error() {},
    debug() {},
    child: () => logger,
  };
  try {
    const store = await DatabaseEvaluationStore.create({
      database: { getClient: async () => knex, migrations: { skip: false } },
    });
    const evaluator = new CatalogEvaluator({
      catalog,
      requestCatalog: catalog,
      auth: { getOwnServiceCredentials: async () => ({}) },
      store,
      roleDataset: { current: async () => dataset },
      engine: new SuggestionEngine({
        rules: defaultSuggestionRules,
        vocabulary: defaultVocabulary,
      }),
      ruleConfigHash: 'scale',
      logger,
    });
    // The catalog's pages are prepared once, before the memory is read, as a catalog holds them.
    for (const [filter, fields] of [
      [{ kind: ['system', 'component', 'api', 'resource'] }, SUGGESTION_FIELDS],
      [{ kind: 'group' }, GROUP_FIELDS],
      [{ kind: 'user' }, USER_FIELDS],
      [{ kind: 'domain' }, DOMAIN_FIELDS],
    ]) {
      await catalog.queryEntities({ filter, fields, limit: 1 });
    }
    global.gc?.();
    const before = rssMiB();
    const fromEmpty = await evaluator.runRound();
    const after = rssMiB();
    const unchanged = await evaluator.runRound();
    return {
      entities: all.length,
      evaluated: fromEmpty.entities,
      fromEmpty: {
        durationMs: fromEmpty.durationMs,
        written: fromEmpty.written,
      },
      unchanged: {
        durationMs: unchanged.durationMs,
        written: unchanged.written,
      },
      rssMiB: { before: before.rss, after: after.rss, peak: rssMiB().peak },
    };
  } finally {
    await knex.destroy();
  }
}

function table(results) {
  const rows = results.map(
    r =>
      `| ${r.entities.toLocaleString('en')} | ${r.evaluated.toLocaleString(
        'en',
      )} | ${(r.fromEmpty.durationMs / 1000).toFixed(
        1,
      )} s (${r.fromEmpty.written.toLocaleString('en')} rows) | ${(
        r.unchanged.durationMs / 1000
      ).toFixed(1)} s (${r.unchanged.written} rows) | ${r.rssMiB.before} / ${
        r.rssMiB.after
      } / ${r.rssMiB.peak} MiB | ${r.rssMiB.peak - r.rssMiB.before} MiB |`,
  );
  return [
    '| entities | Systems and Components | round from empty | unchanged round | RSS before / after / peak | peak − before |',
    '| -------- | ---------------------- | ---------------- | --------------- | ------------------------- | ------------- |',
    ...rows,
  ].join('\n');
}

/** Two line charts side by side: the rounds' time, and the memory a round adds. */
function chart(results) {
  const width = 720;
  const height = 300;
  const panel = (x0, title, unit, series) => {
    const left = x0 + 50;
    const right = x0 + 340;
    const top = 40;
    const bottom = 250;
    const maxX = Math.max(...results.map(r => r.entities));
    const maxY = Math.max(...series.flatMap(s => s.values)) * 1.15 || 1;
    const px = v => left + ((right - left) * v) / maxX;
    const py = v => bottom - ((bottom - top) * v) / maxY;
    const lines = series.map((s, i) => {
      const points = results.map(
        (r, k) => `${px(r.entities).toFixed(1)},${py(s.values[k]).toFixed(1)}`,
      );
      return [
        `<polyline fill="none" stroke="${
          s.color
        }" stroke-width="2" points="${points.join(' ')}"/>`,
        ...results.map(
          (r, k) =>
            `<circle cx="${px(r.entities).toFixed(1)}" cy="${py(
              s.values[k],
            ).toFixed(1)}" r="3" fill="${s.color}"/>` +
            `<text x="${px(r.entities).toFixed(1)}" y="${(
              py(s.values[k]) - 7
            ).toFixed(1)}" font-size="10" text-anchor="middle">${
              s.values[k]
            }</text>`,
        ),
        `<text x="${left + 8}" y="${top + 14 + i * 14}" font-size="11" fill="${
          s.color
        }">${s.name}</text>`,
      ].join('');
    });
    return [
      `<text x="${
        (left + right) / 2
      }" y="22" font-size="13" text-anchor="middle" font-weight="bold">${title}</text>`,
      `<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#333"/>`,
      `<line x1="${left}" y1="${top}" x2="${left}" y2="${bottom}" stroke="#333"/>`,
      `<text x="${left - 8}" y="${
        top + 4
      }" font-size="10" text-anchor="end">${unit}</text>`,
      ...results.map(
        r =>
          `<text x="${px(r.entities).toFixed(1)}" y="${
            bottom + 16
          }" font-size="10" text-anchor="middle">${r.entities / 1000}k</text>`,
      ),
      `<text x="${(left + right) / 2}" y="${
        bottom + 34
      }" font-size="11" text-anchor="middle">entities in the catalog</text>`,
      ...lines,
    ].join('\n');
  };
  const seconds = ms => Math.round(ms / 100) / 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    panel(0, 'Evaluation round', 's', [
      {
        name: 'from empty',
        color: '#1f77b4',
        values: results.map(r => seconds(r.fromEmpty.durationMs)),
      },
      {
        name: 'unchanged',
        color: '#ff7f0e',
        values: results.map(r => seconds(r.unchanged.durationMs)),
      },
    ]),
    panel(360, 'Resident memory of the process', 'MiB', [
      {
        name: 'peak',
        color: '#d62728',
        values: results.map(r => r.rssMiB.peak),
      },
      {
        name: 'before the round',
        color: '#2ca02c',
        values: results.map(r => r.rssMiB.before),
      },
    ]),
    '</svg>',
    '',
  ].join('\n');
}

/** Replaces what is between the markers of the scale table in docs/benchmarks.md. */
function writeDocs(markdown) {
  const file = path.join(repoRoot, 'docs/benchmarks.md');
  const text = fs.readFileSync(file, 'utf8');
  const start = '<!-- evaluation scale -->';
  const end = '<!-- /evaluation scale -->';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < 0) throw new Error(`No ${start} … ${end} in ${file}`);
  fs.writeFileSync(
    file,
    `${text.slice(0, from + start.length)}\n\n${markdown}\n\n${text.slice(to)}`,
  );
}

async function main() {
  const workspace = process.argv[2];
  if (!workspace)
    throw new Error('Usage: node bench/scale.js <production workspace>');
  if (process.argv[3] === '--scale') {
    process.send(await measureScale(workspace, Number(process.argv[4])));
    return;
  }
  const startedAt = new Date();
  const loadAtStart = os.loadavg().map(l => l.toFixed(2));
  const results = [];
  for (const scale of SCALES) {
    await postgresQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await postgresQuery(`CREATE DATABASE "${database}"`);
    try {
      const child = fork(__filename, [workspace, '--scale', String(scale)], {
        execArgv: ['--expose-gc'],
      });
      const result = await new Promise((resolve, reject) => {
        child.once('message', resolve);
        child.once('exit', code =>
          reject(
            new Error(`the measure of scale ${scale} exited with ${code}`),
          ),
        );
      });
      child.kill();
      console.log(JSON.stringify(result));
      results.push(result);
    } finally {
      await postgresQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    }
  }
  const loadAtEnd = os.loadavg().map(l => l.toFixed(2));
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const resultsFile = path.join(__dirname, 'results', `scale-${stamp}.json`);
  fs.writeFileSync(
    resultsFile,
    `${JSON.stringify(
      { startedAt, loadAtStart, loadAtEnd, node: process.version, results },
      null,
      2,
    )}\n`,
  );
  fs.writeFileSync(
    path.join(repoRoot, 'docs/images/evaluation-scale.svg'),
    chart(results),
  );
  writeDocs(
    [
      `Measured ${startedAt
        .toISOString()
        .slice(0, 16)
        .replace('T', ' ')} UTC on PostgreSQL, load average ${
        loadAtStart[0]
      } at the start and ${loadAtEnd[0]} at the end on ${
        os.cpus().length
      } cores (\`${path.relative(repoRoot, resultsFile)}\`).`,
      '',
      table(results),
      '',
      '![Evaluation time and memory at 10k, 20k and 40k entities](images/evaluation-scale.svg)',
    ].join('\n'),
  );
  console.log(table(results));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
