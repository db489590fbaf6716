import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api,
  browserSessions,
  card,
  gone,
  screenshot,
  sidebarItem,
} from '../support.mjs';

const signIn = browserSessions();

// Technical Writer is suggested for the payments System, which no group in the example catalog
// holds: linking the System's owner closes that coverage gap.
const ROLE = { id: 'technical-writer', title: 'Technical Writer' };
const GROUP = { ref: 'group:default/payments-team', name: 'Payments team' };
const SYSTEM_PAGE = '/catalog/default/system/payments';
const GROUP_PAGE = '/catalog/default/group/payments-team';

/** The role's row on the reviewers card. */
function reviewerEntries(page) {
  return card(page, 'Well-Architected reviewers')
    .getByRole('list', { name: 'Suggested roles' })
    .locator(':scope > li')
    .filter({ has: page.getByRole('link', { name: ROLE.title, exact: true }) });
}

/** The role in the reviewers card's gaps (`Gaps: no group holds A, Technical Writer.`). */
function gapLine(page) {
  return card(page, 'Well-Architected reviewers').getByText(
    new RegExp(`^Gaps: no group holds (.+, )?${ROLE.title}(, .+)?\\.$`),
  );
}

/** The role's row on the Group's roles card. */
function groupCardEntry(page) {
  return card(page, 'Well-Architected roles')
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: ROLE.title, exact: true }) });
}

/** Waits for the role's row on the System page: one, however many pillars it serves. */
async function systemPageEntries(page) {
  const { suggestions } = await api(
    `/suggestions?entityRef=${encodeURIComponent('system:default/payments')}`,
  );
  await card(page, 'Well-Architected reviewers')
    .getByRole('button', { name: `Show all ${suggestions.length} roles` })
    .click();
  const entries = reviewerEntries(page);
  await entries.first().waitFor();
  assert.equal(await entries.count(), 1);
  return entries.all();
}

async function expectLinkedOnSystemPage(page) {
  for (const entry of await systemPageEntries(page)) {
    await entry.getByRole('link', { name: GROUP.name, exact: true }).waitFor();
  }
  assert.equal(await gapLine(page).count(), 0);
}

test('link a group to a role on the roles page, see it on the Group and System pages, unlink it', async () => {
  const page = await signIn(SYSTEM_PAGE);
  for (const entry of await systemPageEntries(page)) {
    await entry.getByText('No group holds this role yet').waitFor();
  }
  await gapLine(page).waitFor();

  await sidebarItem(page, 'Well-Architected').click();
  await page.getByRole('textbox', { name: 'Search roles' }).fill(ROLE.title);
  await page.waitForURL(/[?&]q=Technical\+Writer(&|$)/);
  await page
    .getByRole('link', { name: ROLE.title, exact: true })
    .first()
    .click();
  await page.getByRole('heading', { level: 2, name: ROLE.title }).waitFor();

  const holders = card(page, 'Groups that hold this role');
  await holders.getByText('No group holds this role yet.').waitFor();
  await holders.getByLabel('Link a group').fill('Payments');
  await page.getByRole('option', { name: GROUP.name, exact: true }).click();
  await holders.getByRole('button', { name: 'Link', exact: true }).click();
  await page.getByText(`Linked ${GROUP.ref} to ${ROLE.id}`).waitFor();
  const holder = holders
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: GROUP.name, exact: true }) });
  await holder.getByText('portal', { exact: true }).waitFor();
  await screenshot(page, 'role-groups-technical-writer', holders);

  await page.goto(new URL(GROUP_PAGE, page.url()).href);
  await groupCardEntry(page).getByText('portal', { exact: true }).waitFor();
  await screenshot(
    page,
    'group-roles-card-payments-team',
    card(page, 'Well-Architected roles'),
  );

  await page.goto(new URL(SYSTEM_PAGE, page.url()).href);
  await expectLinkedOnSystemPage(page);
  await page.reload();
  await expectLinkedOnSystemPage(page);

  await page.goto(new URL(GROUP_PAGE, page.url()).href);
  await groupCardEntry(page)
    .getByRole('button', { name: `Unlink ${ROLE.title}` })
    .click();
  await page.getByText(`Unlinked ${GROUP.ref} from ${ROLE.id}`).waitFor();
  await gone(groupCardEntry(page));
  await page.reload();
  await card(page, 'Well-Architected roles')
    .getByRole('listitem')
    .first()
    .waitFor();
  assert.equal(await groupCardEntry(page).count(), 0);
  assert.deepEqual((await api(`/roles/${ROLE.id}/groups`)).items, []);
});
