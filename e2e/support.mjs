// What the journeys share: the browser, signing in as a guest, the plugin's API for expected
// values, and the screenshots for the README.
import { mkdir, readFile } from 'node:fs/promises';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** Where run.sh started the backend, which also serves the built app. */
export const baseUrl = process.env.E2E_BASE_URL ?? 'http://localhost:7207';

const imagesDir = new URL('../docs/images/', import.meta.url);

/**
 * A new browser context (a person of their own: no cookies, no storage) signed in as the guest
 * on `path`, which the app keeps after sign-in so that a shared link opens where it points.
 */
async function signIn(browser, path = '/') {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await page.goto(new URL(path, baseUrl).href);
  await page.getByRole('button', { name: 'Enter' }).click();
  await sidebarItem(page, 'Well-Architected').waitFor();
  return page;
}

/**
 * Chromium for the journeys of one file, started before them and closed after them. Returns
 * `signIn` for that browser: each call is a new person signed in on `path`.
 */
export function browserSessions() {
  let browser;
  before(async () => {
    browser = await launchChromium(process.env.E2E_CHROMIUM);
  });
  after(() => browser?.close());
  return path => signIn(browser, path);
}

/** The sidebar's link with this name (pages may show the same name in their breadcrumbs). */
export function sidebarItem(page, name) {
  return page.getByTestId('sidebar-root').getByRole('link', { name });
}

/** The InfoCard with this title. */
export function card(page, title) {
  return page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText(title, { exact: true }) });
}

/** Waits until the locator matches no element any more. */
export function gone(locator) {
  return locator.first().waitFor({ state: 'detached' });
}

let token;

/** The guest's token, fetched once. */
export async function guestToken() {
  token ??= await fetch(new URL('/api/auth/guest/refresh', baseUrl), {
    method: 'POST',
  })
    .then(res => res.json())
    .then(body => body.backstageIdentity.token);
  return token;
}

/** The status of one request to the plugin's API, as the guest. */
export async function apiStatus(method, path) {
  const res = await fetch(new URL(`/api/well-architected${path}`, baseUrl), {
    method,
    headers: { authorization: `Bearer ${await guestToken()}` },
  });
  return res.status;
}

/** GET on the plugin's API as the guest: what the page should show. */
export async function api(path) {
  const res = await fetch(new URL(`/api/well-architected${path}`, baseUrl), {
    headers: { authorization: `Bearer ${await guestToken()}` },
  });
  if (!res.ok) {
    throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  }
  return res.json();
}

/**
 * Writes a screenshot of the viewport, or of one element, into docs/images/ where the README
 * shows it. So that a run takes the same picture as the last one when the app has not changed,
 * nothing that the test did shows: the pointer leaves (to the viewport's bottom right corner,
 * away from the sidebar, which opens on hover), focus leaves, and click ripples and other
 * animations are finished.
 */
export async function screenshot(page, name, element = page) {
  const { width, height } = page.viewportSize();
  await page.mouse.move(width - 1, height - 1);
  await page.evaluate(() => document.activeElement?.blur());
  await mkdir(imagesDir, { recursive: true });
  await element.screenshot({
    path: fileURLToPath(new URL(`${name}.png`, imagesDir)),
    animations: 'disabled',
  });
}

/**
 * Runs axe-core on the part of the page that `selector` names (the plugin's DOM) and fails on any
 * serious or critical violation, naming the rule, its help and the elements.
 */
export async function assertAccessible(page, selector) {
  const { violations } = await new AxeBuilder({ page })
    .include(selector)
    .analyze();
  const serious = violations.filter(v =>
    ['serious', 'critical'].includes(v.impact),
  );
  assert.deepEqual(
    serious.map(v => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
    })),
    [],
    `axe found serious or critical violations in ${selector}`,
  );
}

/** The Coverage view's table. */
export function coverageTable(page) {
  return page.getByRole('table', { name: 'Coverage of Systems by pillar' });
}

/** The Coverage view's row of a System, by the name its link shows. */
export function systemRow(page, name) {
  return coverageTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) });
}

/**
 * The cell of a System's row in a pillar: after the System's and the owner's, in the order of
 * the answer's `pillarIds`.
 */
export function pillarCell(page, coverage, name, pillarId) {
  return systemRow(page, name)
    .getByRole('cell')
    .nth(2 + coverage.pillarIds.indexOf(pillarId));
}

/** What a pillar's column header says of its totals. */
export function totalsText(totals) {
  const { covered, partly, gap, notNeeded } = totals;
  return `${covered} covered, ${partly} partly, ${gap} ${
    gap === 1 ? 'gap' : 'gaps'
  }, ${notNeeded} not needed`;
}

/** Waits until each pillar's column header shows its totals. */
export async function expectTotals(page, totals) {
  for (const t of totals) {
    await coverageTable(page)
      .getByRole('columnheader')
      .filter({ hasText: totalsText(t) })
      .first()
      .waitFor();
  }
}

/** The state a coverage cell shows, as the view words it (`Partly (1 of 2)`). */
export function cellText(cell) {
  const label = {
    covered: 'Covered',
    partly: 'Partly',
    gap: 'Gap',
    'not-needed': 'Not needed',
  }[cell.state];
  const of = cell.coveredRoleIds.length + cell.missingRoleIds.length;
  return cell.state === 'partly'
    ? `${label} (${cell.coveredRoleIds.length} of ${of})`
    : label;
}

/**
 * A validator of one schema of the plugin's OpenAPI document
 * (`#/components/schemas/<name>`): answers made up by a journey must be ones the API could give.
 */
export async function openApiSchema(name) {
  const document = parse(
    await readFile(
      new URL(
        '../plugins/well-architected-backend/src/schema/openapi.yaml',
        import.meta.url,
      ),
      'utf8',
    ),
  );
  // The document's own keywords (paths, info…) are not JSON Schema: not strict about them.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi');
  return ajv.getSchema(`openapi#/components/schemas/${name}`);
}
