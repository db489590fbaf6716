import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api,
  apiStatus,
  browserSessions,
  card,
  gone,
  screenshot,
  sidebarItem,
} from '../support.mjs';

const signIn = browserSessions();

// Technical Writer is suggested for the payments System, which no group in the example catalog
// holds: linking it to the guest's own team closes that coverage gap. The example policy lets a
// user link roles only for the Groups they belong to; the guest belongs to sre-team alone.
const ROLE = { id: 'technical-writer', title: 'Technical Writer' };
const GROUP = { ref: 'group:default/sre-team', name: 'SRE team' };
const OTHER_GROUP = {
  ref: 'group:default/payments-team',
  name: 'Payments team',
};
const SYSTEM_PAGE = '/catalog/default/system/payments';
const GROUP_PAGE = '/catalog/default/group/sre-team';
const OTHER_GROUP_PAGE = '/catalog/default/group/payments-team';

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
  await holders.getByLabel('Link a group').fill('SRE');
  // Each group is offered with its ref and type, so look-alikes are told apart.
  await page
    .getByRole('option')
    .filter({ hasText: `${GROUP.ref} · team` })
    .click();
  await holders.getByRole('button', { name: 'Link', exact: true }).click();
  await page.getByText(`Linked ${GROUP.name} to this role`).waitFor();
  const holder = holders
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: GROUP.name, exact: true }) });
  await holder.getByText('portal', { exact: true }).waitFor();
  await screenshot(page, 'role-groups-technical-writer', holders);

  await page.goto(new URL(GROUP_PAGE, page.url()).href);
  await groupCardEntry(page).getByText('portal', { exact: true }).waitFor();
  await screenshot(
    page,
    'group-roles-card-sre-team',
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
  await page
    .getByRole('dialog', { name: `Unlink ${ROLE.title} from this group?` })
    .getByRole('button', { name: 'Unlink', exact: true })
    .click();
  await page.getByText(`Unlinked ${ROLE.title} from this group`).waitFor();
  await gone(groupCardEntry(page));
  await page.reload();
  await card(page, 'Well-Architected roles')
    .getByRole('listitem')
    .first()
    .waitFor();
  assert.equal(await groupCardEntry(page).count(), 0);
  assert.deepEqual((await api(`/roles/${ROLE.id}/groups`)).items, []);
});

test('shows the link controls on the Group the guest belongs to and not on another; the API agrees', async () => {
  const page = await signIn(GROUP_PAGE);
  const own = card(page, 'Well-Architected roles');
  await own.getByLabel('Link a role').waitFor();

  await page.goto(new URL(OTHER_GROUP_PAGE, page.url()).href);
  const other = card(page, 'Well-Architected roles');
  await other.getByRole('listitem').first().waitFor();
  assert.equal(await other.getByLabel('Link a role').count(), 0);
  assert.equal(
    await other.getByRole('button', { name: /^Unlink / }).count(),
    0,
  );

  const role = `/roles/${ROLE.id}/groups/`;
  assert.equal(
    await apiStatus('PUT', `${role}${encodeURIComponent(OTHER_GROUP.ref)}`),
    403,
  );
  assert.equal(
    await apiStatus('PUT', `${role}${encodeURIComponent(GROUP.ref)}`),
    201,
  );
  assert.equal(
    await apiStatus('DELETE', `${role}${encodeURIComponent(GROUP.ref)}`),
    204,
  );
});
