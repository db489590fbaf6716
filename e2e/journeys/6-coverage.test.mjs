import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api,
  apiStatus,
  browserSessions,
  card,
  cellText,
  coverageTable,
  expectTotals,
  pillarCell,
  screenshot,
  systemRow,
} from '../support.mjs';

const signIn = browserSessions();

// The example catalog's customer experience teams hold no role: their Systems are partly covered
// in Security, Notifications for want of a Data Protection Officer alone. The guest may link
// roles only for sre-team, the one Group they belong to.
const OWNER = {
  ref: 'group:default/customer-experience',
  name: 'Customer experience',
};
const SYSTEM = { ref: 'system:default/notifications', name: 'Notifications' };
const ROLE_ID = 'data-protection-officer';
const PILLAR_ID = 'security';
const GROUP = { ref: 'group:default/sre-team', name: 'SRE team' };

const ownerQuery = `owner=${encodeURIComponent(OWNER.ref)}`;

/** Waits until every row, cell and pillar total of `coverage` shows in the view. */
async function expectView(page, coverage) {
  await page
    .getByText(
      `${coverage.totalCount} ${
        coverage.totalCount === 1 ? 'System' : 'Systems'
      }`,
      { exact: true },
    )
    .waitFor();
  await expectTotals(page, coverage.totals);
  assert.equal(
    await coverageTable(page).getByRole('row').count(),
    coverage.items.length + 1,
    'one row per System, below the header',
  );
  for (const item of coverage.items) {
    for (const cell of item.cells) {
      const shown = pillarCell(page, coverage, item.name, cell.pillarId);
      await shown.getByText(cellText(cell), { exact: true }).waitFor();
    }
  }
}

test('filter the coverage view to a Group, open a System with a gap, link a group to the missing role, see the cell change', async () => {
  const linkPath = `/roles/${ROLE_ID}/groups/${encodeURIComponent(GROUP.ref)}`;
  const { title: roleTitle } = await api(`/roles/${ROLE_ID}`);
  try {
    const page = await signIn('/well-architected');
    await page.getByRole('tab', { name: 'Coverage' }).click();
    await page.waitForURL(/\/well-architected\/coverage(\?|$)/);
    await expectView(page, await api('/coverage?limit=25'));
    await screenshot(page, 'coverage-view');

    // The owner filter counts the Systems of the Group and of the teams inside it.
    await page.locator('#coverage-owner').click();
    await page.getByRole('option', { name: OWNER.name, exact: true }).click();
    await page.waitForURL(url => url.searchParams.get('owner') === OWNER.ref);
    const before = await api(`/coverage?${ownerQuery}&limit=25`);
    assert.ok(before.totalCount > 1, 'the Group owns several Systems');
    assert.ok(
      before.items.every(item => item.ownerRef !== OWNER.ref),
      "the Group's Systems are its teams'",
    );
    await expectView(page, before);
    const cellBefore = before.items
      .find(item => item.entityRef === SYSTEM.ref)
      .cells.find(c => c.pillarId === PILLAR_ID);
    assert.deepEqual(cellBefore.missingRoleIds, [ROLE_ID]);
    assert.equal(cellBefore.state, 'partly');
    const cell = pillarCell(page, before, SYSTEM.name, PILLAR_ID);
    assert.match(
      (await cell.locator('[title]').getAttribute('title')) ?? '',
      new RegExp(`^No reviewer group: ${roleTitle}\\. Reviewed: `),
    );
    await screenshot(page, 'coverage-view-customer-experience');

    // The row's link opens the System's page, where the card offers to close the gap.
    await systemRow(page, SYSTEM.name)
      .getByRole('link', { name: SYSTEM.name, exact: true })
      .click();
    await page.waitForURL(/\/catalog\/default\/system\/notifications$/);
    const reviewers = card(page, 'Well-Architected reviewers');
    await reviewers.getByRole('list', { name: 'Suggested roles' }).waitFor();
    const showAll = reviewers.getByRole('button', { name: /^Show all \d+ / });
    if ((await showAll.count()) > 0) {
      await showAll.click();
    }
    await reviewers
      .getByRole('button', { name: `Link a group to ${roleTitle}` })
      .click();
    const dialog = page.getByRole('dialog', {
      name: `Link a group to ${roleTitle}`,
    });
    await dialog.getByLabel('Link a group').fill('SRE');
    await page
      .getByRole('option')
      .filter({ hasText: `${GROUP.ref} · team` })
      .click();
    await dialog.getByRole('button', { name: 'Link', exact: true }).click();
    await page.getByText(`Linked ${GROUP.name} to this role`).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await reviewers
      .getByRole('list', { name: 'Suggested roles' })
      .locator(':scope > li')
      .filter({ has: page.getByRole('link', { name: roleTitle, exact: true }) })
      .getByRole('link', { name: GROUP.name, exact: true })
      .first()
      .waitFor();

    // Back in the view, with the same filter: the link counts at once, no evaluation needed.
    await page.goBack();
    await page.waitForURL(url => url.searchParams.get('owner') === OWNER.ref);
    const after = await api(`/coverage?${ownerQuery}&limit=25`);
    const cellAfter = after.items
      .find(item => item.entityRef === SYSTEM.ref)
      .cells.find(c => c.pillarId === PILLAR_ID);
    assert.equal(cellAfter.state, 'covered');
    assert.deepEqual(cellAfter.missingRoleIds, []);
    await expectView(page, after);
    await pillarCell(page, after, SYSTEM.name, PILLAR_ID)
      .getByText('Covered', { exact: true })
      .waitFor();
  } finally {
    // The journeys share one backend: the link goes, whatever happened above.
    assert.ok([204, 404].includes(await apiStatus('DELETE', linkPath)));
  }
  assert.deepEqual(
    (await api(`/roles/${ROLE_ID}/groups`)).items.filter(
      g => g.groupRef === GROUP.ref,
    ),
    [],
  );
});

test("a Group's page shows the coverage of what it and the teams inside it own", async () => {
  const { rollUp } = await api(
    `/coverage/rollups/${encodeURIComponent(OWNER.ref)}`,
  );
  assert.ok(rollUp.systemCount > 1, "the Group's teams own several Systems");
  const page = await signIn('/catalog/default/group/customer-experience');
  const coverage = card(page, 'Well-Architected coverage');
  await coverage
    .getByText(`${rollUp.systemCount} Systems`, { exact: true })
    .waitFor();
  const gaps = coverage.getByRole('table', { name: 'Gaps per pillar' });
  assert.equal(await gaps.getByRole('row').count(), rollUp.totals.length);
  await coverage
    .getByText('Roles most often missing', { exact: true })
    .waitFor();
  await screenshot(page, 'coverage-card-customer-experience', coverage);
});
