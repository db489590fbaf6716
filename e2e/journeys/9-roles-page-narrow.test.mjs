import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, browserSessions, card, screenshot } from '../support.mjs';

const signIn = browserSessions();

/** How far the document scrolls sideways: its scroll width against the window's width. */
function horizontalScroll(page) {
  return page.evaluate(() => ({
    scrollWidth: document.scrollingElement.scrollWidth,
    clientWidth: document.scrollingElement.clientWidth,
  }));
}

/** Waits for the roles page's list: its header counts the roles listed. */
async function listed(page, roleCount) {
  await page
    .getByText(new RegExp(`^${roleCount} roles · \\d+ responsibilities$`))
    .waitFor();
}

test('the roles page at 800 px wide has no horizontal scroll, on every pillar', async () => {
  const page = await signIn('/well-architected');
  await page.setViewportSize({ width: 800, height: 900 });
  const { items: pillars } = await api('/pillars');
  const { totalCount } = await api('/roles?limit=1');
  await listed(page, totalCount);

  // Every pillar chip is on screen, wrapped onto as many lines as it takes.
  for (const pillar of pillars) {
    const chip = page.getByRole('button', {
      name: `${pillar.title} (${pillar.roleCount})`,
    });
    const box = await chip.boundingBox();
    assert.ok(box.x + box.width <= 800, `${pillar.title} is off screen`);
  }
  const all = await horizontalScroll(page);
  assert.ok(
    all.scrollWidth <= all.clientWidth,
    `all pillars: ${all.scrollWidth} px of content in ${all.clientWidth} px`,
  );
  // Every responsibility is there in full, wrapped, not cut at the card's edge.
  const cut = await page.evaluate(() =>
    [
      ...document.querySelectorAll(
        '.well-architected-roles .MuiListItemText-root',
      ),
    ]
      .filter(text => text.scrollWidth > text.clientWidth)
      .map(text => text.innerText.split('\n')[0]),
  );
  assert.deepEqual(cut, [], 'responsibilities cut at the edge');
  await screenshot(page, 'roles-page-800px');

  // A pillar with the most categories adds the most chips.
  const widest = pillars.reduce((a, b) =>
    b.categories.length > a.categories.length ? b : a,
  );
  await page
    .getByRole('button', { name: `${widest.title} (${widest.roleCount})` })
    .click();
  await listed(page, widest.roleCount);
  const filtered = await horizontalScroll(page);
  assert.ok(
    filtered.scrollWidth <= filtered.clientWidth,
    `${widest.title}: ${filtered.scrollWidth} px of content in ${filtered.clientWidth} px`,
  );

  // The coverage tab, with its filters and table, fits too.
  await page.getByRole('tab', { name: 'Coverage' }).click();
  await page.waitForURL(/\/well-architected\/coverage/);
  await page.getByRole('table').first().waitFor();
  const coverage = await horizontalScroll(page);
  assert.ok(
    coverage.scrollWidth <= coverage.clientWidth,
    `coverage: ${coverage.scrollWidth} px of content in ${coverage.clientWidth} px`,
  );
});

test('an unknown pillar in the address is said plainly, and the page shows every pillar', async () => {
  const page = await signIn('/well-architected?pillar=securty');
  const { items: pillars } = await api('/pillars');
  const { totalCount } = await api('/roles?limit=1');
  await page
    .getByText(
      `Unknown pillar 'securty' in the address, so all pillars are shown. The pillars are: ${pillars
        .map(p => p.id)
        .join(', ')}.`,
      { exact: true },
    )
    .waitFor();
  await listed(page, totalCount);
  assert.equal(await page.getByText(/Bad Request/).count(), 0);
  const allPillars = page.getByRole('button', { name: 'All pillars' });
  assert.equal(await allPillars.getAttribute('aria-pressed'), 'true');
  for (const pillar of pillars) {
    for (const category of pillar.categories.filter(c => c.roleCount > 0)) {
      await card(page, category.title).first().waitFor();
    }
  }
});

test('Back from a role page returns to the same place on a long roles page', async () => {
  const page = await signIn('/well-architected');
  const { totalCount } = await api('/roles?limit=1');
  await listed(page, totalCount);

  // A role far down the page, scrolled to as a person would.
  const links = page.locator(
    '.well-architected-roles a[href*="/well-architected/roles/"]',
  );
  const link = links.nth(Math.floor((await links.count()) * 0.75));
  await link.scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 200);
  await page.waitForFunction(() => window.scrollY > 2000);
  const before = await page.evaluate(() => window.scrollY);
  const title = await link.innerText();
  await link.click();
  await page.waitForURL(/\/well-architected\/roles\/[^/]+$/);
  await page.getByRole('link', { name: /All roles/ }).waitFor();

  await page.goBack();
  await listed(page, totalCount);
  await page.waitForFunction(y => window.scrollY === y, before);
  const box = await page
    .getByRole('link', { name: title, exact: true })
    .first()
    .boundingBox();
  assert.ok(
    box.y >= 0 && box.y + box.height <= page.viewportSize().height,
    `${title} is in view again`,
  );
});
