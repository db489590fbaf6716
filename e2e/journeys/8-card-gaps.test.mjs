import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api,
  apiStatus,
  browserSessions,
  card,
  gone,
  screenshot,
} from '../support.mjs';

const signIn = browserSessions();

const SYSTEM_REF = 'system:default/payments';
const SYSTEM_PAGE = '/catalog/default/system/payments';
// No group of the example catalog holds Technical Writer, which the payments System is suggested;
// the example policy lets the guest link roles for sre-team, the one Group it belongs to.
const ROLE = { id: 'technical-writer', title: 'Technical Writer' };
const GROUP = { ref: 'group:default/sre-team', name: 'SRE team' };

async function suggestions() {
  const result = await api(
    `/suggestions?entityRef=${encodeURIComponent(SYSTEM_REF)}`,
  );
  return result.suggestions;
}

/** The reviewers card's role rows, every one shown. */
async function allRows(page) {
  const reviewers = card(page, 'Well-Architected reviewers');
  const count = (await suggestions()).length;
  await reviewers
    .getByRole('button', { name: `Show all ${count} roles` })
    .click();
  const rows = reviewers
    .getByRole('list', { name: 'Suggested roles' })
    .locator(':scope > li');
  await rows.nth(count - 1).waitFor();
  return { rows };
}

/** The row of one role. */
function roleRow(rows, page, title) {
  return rows.filter({
    has: page.getByRole('link', { name: title, exact: true }),
  });
}

test("close a gap from the payments card: link a group on the gap's row, the row shows it without a reload", async () => {
  assert.deepEqual(
    (await api(`/roles/${ROLE.id}/groups`)).items,
    [],
    'the journey starts from the example catalog, where no group holds the role',
  );
  const page = await signIn(SYSTEM_PAGE);
  const { rows } = await allRows(page);
  const row = roleRow(rows, page, ROLE.title);
  await row.getByText('No group holds this role yet').waitFor();
  // Always a way to the role's page, whatever the policy allows.
  await row.getByRole('link', { name: 'Open the role' }).waitFor();
  await screenshot(page, 'reviewers-card-payments-gap', row);
  // Gone after a reload, so still there at the end only if the page was not loaded again.
  await page.evaluate(() => {
    window.wellArchitectedNotReloaded = true;
  });

  await row
    .getByRole('button', { name: `Link a group to ${ROLE.title}` })
    .click();
  const dialog = page.getByRole('dialog', {
    name: `Link a group to ${ROLE.title}`,
  });
  await dialog.getByLabel('Link a group').fill('SRE');
  await page
    .getByRole('option')
    .filter({ hasText: `${GROUP.ref} · team` })
    .click();
  await screenshot(page, 'reviewers-card-link-a-group', dialog);
  await dialog.getByRole('button', { name: 'Link', exact: true }).click();
  await page.getByText(`Linked ${GROUP.name} to this role`).waitFor();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await gone(dialog);

  // The row names the reviewer and offers no gap action any more, on the same page.
  await row.getByRole('link', { name: GROUP.name, exact: true }).waitFor();
  assert.equal(
    await row.getByRole('button', { name: /^Link a group to / }).count(),
    0,
  );
  assert.equal(
    await page.evaluate(() => window.wellArchitectedNotReloaded),
    true,
    'the card updated in place',
  );
  const linked = (await suggestions()).find(s => s.roleId === ROLE.id);
  assert.deepEqual(
    linked.reviewers.map(r => r.groupRef),
    [GROUP.ref],
  );

  // Back to the example catalog's state, which the journeys after this one expect.
  assert.equal(
    await apiStatus(
      'DELETE',
      `/roles/${ROLE.id}/groups/${encodeURIComponent(GROUP.ref)}`,
    ),
    204,
  );
  assert.deepEqual((await api(`/roles/${ROLE.id}/groups`)).items, []);
});

test("expand a role's row on the payments card to see what to check, in the dataset's words", async () => {
  const page = await signIn(SYSTEM_PAGE);
  const all = await suggestions();
  // A role suggested in fewer pillars than it works in shows only the suggested pillars' part.
  const roles = await Promise.all(all.map(s => api(`/roles/${s.roleId}`)));
  const index = all.findIndex((s, i) =>
    roles[i].responsibilities.some(r => !s.pillarIds.includes(r.pillarId)),
  );
  assert.ok(index >= 0, 'some role works in more pillars than suggested');
  const suggestion = all[index];
  const shown = roles[index].responsibilities.filter(r =>
    suggestion.pillarIds.includes(r.pillarId),
  );
  const hidden = roles[index].responsibilities.filter(
    r => !suggestion.pillarIds.includes(r.pillarId),
  );

  const { rows } = await allRows(page);
  const row = roleRow(rows, page, suggestion.roleTitle);
  await row
    .getByRole('button', { name: `Details for ${suggestion.roleTitle}` })
    .click();
  const whatToCheck = row.getByRole('list', { name: 'What to check' });
  for (const r of shown) {
    await whatToCheck.getByText(r.description, { exact: true }).waitFor();
  }
  assert.equal(await whatToCheck.getByRole('listitem').count(), shown.length);
  for (const r of hidden) {
    assert.equal(
      await whatToCheck.getByText(r.description, { exact: true }).count(),
      0,
      `${r.title} is in a pillar the role is not suggested for`,
    );
  }
  await row.scrollIntoViewIfNeeded();
  await screenshot(page, 'reviewers-card-what-to-check', row);
});
