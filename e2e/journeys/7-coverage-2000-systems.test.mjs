// How long the Coverage view takes to show the coverage of 2,000 Systems. The example catalog has
// eight, so the page's `GET /coverage` is answered here, in the browser, from 2,000 generated
// Systems that the plugin's OpenAPI document accepts, with the view's own paging and order. What
// is timed is the browser's part, from the click to the last row on screen: the server's part of
// the same answer is `make bench`'s coverage scenario (docs/benchmarks.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api,
  browserSessions,
  coverageTable,
  expectTotals,
  openApiSchema,
  systemRow,
} from '../support.mjs';

const signIn = browserSessions();

const SYSTEMS = 2000;
const BUDGET_MS = 2000;
const STATES = ['covered', 'partly', 'gap', 'not-needed'];

/** 2,000 Systems in 189 teams and 20 Domains, every state in every pillar, the same each run. */
function generatedSystems(pillarIds, roleIds) {
  const roles = (n, from) =>
    Array.from({ length: n }, (_, k) => roleIds[(from + k) % roleIds.length]);
  return Array.from({ length: SYSTEMS }, (_, i) => {
    const name = `system-${String(i).padStart(4, '0')}`;
    return {
      entityRef: `system:default/${name}`,
      name: `Generated ${name}`,
      ownerRef: `group:default/team-${String(i % 189).padStart(4, '0')}`,
      domainRef: `domain:default/domain-${String(i % 20).padStart(4, '0')}`,
      lifecycles: i % 6 === 0 ? ['experimental'] : ['production'],
      ...(i % 10 === 0 && { tier: '1' }),
      cells: pillarIds.map((pillarId, p) => {
        const state = STATES[(i + p * 3 + Math.floor(i / 7)) % STATES.length];
        const covered = { covered: 3, partly: 2, gap: 0, 'not-needed': 0 };
        const missing = { covered: 0, partly: 1, gap: 2, 'not-needed': 0 };
        return {
          pillarId,
          state,
          coveredRoleIds: roles(covered[state], i + p),
          missingRoleIds: roles(missing[state], i + p + 5),
        };
      }),
      evaluatedAt: '2026-12-01T00:00:00.000Z',
    };
  });
}

const gaps = item => item.cells.filter(c => c.state === 'gap').length;
const partly = item => item.cells.filter(c => c.state === 'partly').length;

/** The answer of `GET /coverage` with the view's query, as the API would page and order it. */
function answer(url, systems, pillarIds) {
  const limit = Number(url.searchParams.get('limit') ?? 100);
  const offset = Number(url.searchParams.get('offset') ?? 0);
  const rows = [...systems];
  if (url.searchParams.get('sort') === 'gaps') {
    rows.sort(
      (a, b) =>
        gaps(b) - gaps(a) ||
        partly(b) - partly(a) ||
        a.entityRef.localeCompare(b.entityRef),
    );
  }
  const count = (i, state) =>
    rows.filter(r => r.cells[i].state === state).length;
  return {
    pillarIds,
    tiers: ['1'],
    totals: pillarIds.map((pillarId, i) => ({
      pillarId,
      covered: count(i, 'covered'),
      partly: count(i, 'partly'),
      gap: count(i, 'gap'),
      notNeeded: count(i, 'not-needed'),
    })),
    items: rows.slice(offset, offset + limit),
    totalCount: rows.length,
    limit,
    offset,
  };
}

/**
 * Runs `action` and waits until the view shows `expected`'s page, then returns the milliseconds
 * from just before the action to the frame after the page's first and last rows are in the
 * table. The wait runs in the page and polls once a frame with a plain DOM query: Playwright's
 * own locators compute roles and visibility over the whole table on the page's thread, which
 * slowed the very rendering they waited for.
 */
async function timed(page, action, expected) {
  const rendered = page.evaluate(
    ({ first, last, rows }) =>
      new Promise(resolve => {
        const started = performance.now();
        const check = () => {
          const shown = document.querySelectorAll(
            'table[aria-label="Coverage of Systems by pillar"] tbody tr',
          );
          if (
            shown.length === rows &&
            shown[0].textContent.includes(first) &&
            shown[rows - 1].textContent.includes(last)
          ) {
            requestAnimationFrame(() => resolve(performance.now() - started));
          } else {
            requestAnimationFrame(check);
          }
        };
        check();
      }),
    {
      first: expected.items[0].name,
      last: expected.items.at(-1).name,
      rows: expected.items.length,
    },
  );
  await action();
  const elapsed = Math.round(await rendered);
  await systemRow(page, expected.items[0].name).waitFor();
  assert.equal(
    await coverageTable(page).getByRole('row').count(),
    expected.items.length + 1,
  );
  return elapsed;
}

test(`the Coverage view opens on the coverage of ${SYSTEMS} Systems in under ${
  BUDGET_MS / 1000
} s, and says how long larger pages take`, async t => {
  const { pillarIds } = await api('/coverage?limit=1');
  const { items: roles } = await api('/roles');
  const systems = generatedSystems(
    pillarIds,
    roles.map(r => r.id),
  );
  const valid = await openApiSchema('CoverageResponse');
  const invalid = [];
  const served = [];

  const page = await signIn('/well-architected');
  await page.route(
    url => url.pathname === '/api/well-architected/coverage',
    route => {
      const body = answer(new URL(route.request().url()), systems, pillarIds);
      if (!valid(body)) {
        invalid.push(valid.errors);
        return route.abort();
      }
      served.push(body);
      return route.fulfill({ json: body });
    },
  );
  const expect = query =>
    answer(new URL(query, page.url()), systems, pillarIds);

  const timings = {
    'open the Coverage tab (25 rows)': await timed(
      page,
      () => page.getByRole('tab', { name: 'Coverage' }).click(),
      expect('?limit=25'),
    ),
  };
  await page.getByText(`${SYSTEMS} Systems`, { exact: true }).waitFor();
  await expectTotals(page, expect('?limit=1').totals);

  timings['100 rows a page'] = await timed(
    page,
    async () => {
      await page.getByRole('button', { name: /^Rows per page/ }).click();
      await page.getByRole('option', { name: '100', exact: true }).click();
    },
    expect('?limit=100'),
  );
  timings['the next 100'] = await timed(
    page,
    () => page.getByRole('button', { name: 'Next page' }).click(),
    expect('?limit=100&offset=100'),
  );
  timings['most gaps first (100 rows)'] = await timed(
    page,
    async () => {
      await page.locator('#coverage-order').click();
      await page.getByRole('option', { name: 'Most gaps first' }).click();
    },
    expect('?limit=100&sort=gaps'),
  );

  assert.deepEqual(
    invalid,
    [],
    'every answer is valid against the OpenAPI document',
  );
  assert.ok(served.length >= 4, 'the page asked for each of these views');
  for (const [step, ms] of Object.entries(timings)) {
    t.diagnostic(`${step}: ${ms} ms`);
    console.log(`coverage of ${SYSTEMS} Systems, ${step}: ${ms} ms`);
  }
  // The budget holds the view as it opens; pages of 100 rows are timed and printed, not gated:
  // on a busy two-core machine they take several seconds (docs/benchmarks.md).
  const opened = timings['open the Coverage tab (25 rows)'];
  assert.ok(
    opened < BUDGET_MS,
    `opening the Coverage tab took ${opened} ms, over ${BUDGET_MS} ms`,
  );
});
