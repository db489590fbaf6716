// The load scenarios: each endpoint of the plugin next to the catalog endpoint it is compared
// with, the same credentials and the same number of connections, one after the other.
const autocannon = require('autocannon');

/** A request template that walks through `paths` in turn, one per request. */
function rotating(paths, extra = {}) {
  let next = 0;
  return {
    ...extra,
    setupRequest: request => ({
      ...request,
      path: paths[next++ % paths.length],
    }),
  };
}

/**
 * A request template that walks through `requests` (each a path and, for a POST, a body) and,
 * independently, through the callers' tokens: every request is another caller's first view of
 * another System.
 */
function firstViews(requests, tokens, extra = {}) {
  let next = 0;
  return {
    ...extra,
    setupRequest: request => {
      const n = next++;
      const { path, body } = requests[n % requests.length];
      return {
        ...request,
        path,
        ...(body && { body }),
        headers: {
          ...request.headers,
          authorization: `Bearer ${tokens[(n * 7) % tokens.length]}`,
        },
      };
    },
  };
}

/** Runs one load and returns what the table shows: requests/s, latency percentiles, errors. */
async function load({ baseUrl, token, connections, durationSeconds, request }) {
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: durationSeconds,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    },
    requests: [request],
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
    connections,
    durationSeconds,
  };
}

/**
 * The scenarios of one run. `catalog` is what generateCatalog returned; `roleIds` the dataset's
 * role ids. Each entry names the plugin side and the catalog side of a comparison.
 */
function scenarios({ catalog, roleIds, callerTokens }) {
  const plugin = '/api/well-architected';
  const queries = [
    'sre',
    'security',
    'data',
    'cost',
    'incident',
    'architect',
    'test',
    'owner',
  ];
  const systemPaths = catalog.systemNames
    .slice(0, 200)
    .map(name => `/api/catalog/entities/by-name/system/default/${name}`);
  return [
    {
      id: 'roles-list',
      connections: 50,
      plugin: { path: `${plugin}/roles` },
      catalog: { id: 'catalog-by-name', ...rotating(systemPaths) },
    },
    {
      id: 'roles-query',
      connections: 50,
      plugin: rotating(queries.map(q => `${plugin}/roles?q=${q}`)),
    },
    {
      id: 'role-by-id',
      connections: 50,
      plugin: rotating(roleIds.map(id => `${plugin}/roles/${id}`)),
    },
    {
      id: 'suggestions-50-parts',
      connections: 10,
      plugin: {
        path: `${plugin}/suggestions?entityRef=${encodeURIComponent(
          catalog.bigSystemRef,
        )}`,
      },
      catalog: {
        id: 'catalog-by-refs-50',
        method: 'POST',
        path: '/api/catalog/entities/by-refs',
        body: JSON.stringify({ entityRefs: catalog.bigSystemParts }),
      },
    },
    {
      // Every request another caller's first view of another System: what opening a System page
      // costs, next to the catalog's own answer for the same System's refs, by the same callers.
      id: 'suggestions-each-system',
      connections: 10,
      plugin: firstViews(
        catalog.systemNames.map(name => ({
          path: `${plugin}/suggestions?entityRef=${encodeURIComponent(
            `system:default/${name}`,
          )}`,
        })),
        callerTokens,
      ),
      catalog: {
        id: 'catalog-by-refs-system',
        ...firstViews(
          catalog.systemNames.map(name => ({
            path: '/api/catalog/entities/by-refs',
            body: JSON.stringify({ entityRefs: catalog.systemRefs[name] }),
          })),
          callerTokens,
          { method: 'POST' },
        ),
      },
    },
    {
      // The Coverage view's first page and its usual filters in turn, over every System's
      // stored evaluation, next to the catalog's own first page of the same Systems.
      id: 'coverage',
      connections: 10,
      plugin: rotating(
        [
          '',
          '?sort=gaps',
          '?owner=group%3Adefault%2Fdepartment-0003',
          '?domain=domain%3Adefault%2Fdomain-0007',
          '?pillar=security&sort=gaps',
          '?q=system-01',
        ].map(query => `${plugin}/coverage${query}`),
      ),
      catalog: {
        id: 'catalog-systems-page',
        path: '/api/catalog/entities/by-query?filter=kind%3Dsystem&limit=100',
      },
    },
  ];
}

/**
 * The scenarios `only` names (all when it is empty), failing on a name that is not one, so that a
 * typo does not measure nothing.
 */
function selected(all, only) {
  if (only.length === 0) return all;
  const unknown = only.filter(id => !all.some(s => s.id === id));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown scenario ${unknown.join(', ')} in BENCH_SCENARIOS; use ${all
        .map(s => s.id)
        .join(', ')}`,
    );
  }
  return all.filter(s => only.includes(s.id));
}

/**
 * Runs the scenarios (those named in `only`, or all): a short warm-up of each side first (not recorded), then the catalog side
 * and the plugin side, each with a CPU profile of the backend when a `profiler` is given. Returns
 * the results by scenario.
 */
async function runScenarios({
  profiler,
  baseUrl,
  token,
  catalog,
  roleIds,
  durationSeconds,
  log,
  callerTokens,
  only = [],
}) {
  const results = [];
  for (const scenario of selected(
    scenarios({ catalog, roleIds, callerTokens }),
    only,
  )) {
    const sides = [
      ...(scenario.catalog ? [['catalog', scenario.catalog]] : []),
      ['plugin', scenario.plugin],
    ];
    const entry = { id: scenario.id };
    for (const [side, { id = scenario.id, ...request }] of sides) {
      const options = {
        baseUrl,
        token,
        connections: scenario.connections,
        request,
      };
      await load({ ...options, durationSeconds: 3 });
      const measured = () => load({ ...options, durationSeconds });
      entry[side] = {
        id,
        ...(await (profiler
          ? profiler.around(`${scenario.id}-${side}`, measured)
          : measured())),
      };
      const { requestsPerSecond, p99Ms, errors } = entry[side];
      log(
        `  ${id}: ${requestsPerSecond} req/s, p99 ${p99Ms} ms, ${errors} errors`,
      );
    }
    if (entry.catalog) {
      entry.ratio =
        Math.round(
          (entry.plugin.requestsPerSecond / entry.catalog.requestsPerSecond) *
            100,
        ) / 100;
    }
    results.push(entry);
  }
  return results;
}

module.exports = { runScenarios };
