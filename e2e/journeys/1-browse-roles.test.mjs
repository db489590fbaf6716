import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api,
  browserSessions,
  card,
  screenshot,
  sidebarItem,
} from '../support.mjs';

const signIn = browserSessions();

test('from the sidebar to a role: filter to Security, search SRE, open the role', async () => {
  const page = await signIn();
  const { items: pillars } = await api('/pillars');
  const security = pillars.find(p => p.id === 'security');

  await sidebarItem(page, 'Well-Architected').click();
  await page
    .getByRole('button', { name: `${security.title} (${security.roleCount})` })
    .click();
  await page.waitForURL(/[?&]pillar=security(&|$)/);
  await page
    .getByText(
      new RegExp(`^${security.roleCount} roles · \\d+ responsibilities$`),
    )
    .waitFor();
  for (const category of security.categories) {
    await card(page, category.title).waitFor();
  }
  await screenshot(page, 'roles-page-security');

  // The dataset gives the SRE no Security responsibility, so the filtered page says so and
  // offers a way out; widening to all pillars keeps the search.
  const search = page.getByRole('textbox', { name: 'Search roles' });
  await search.fill('SRE');
  await page.waitForURL(/[?&]q=SRE(&|$)/);
  await page.getByText('No role matches', { exact: true }).waitFor();
  assert.equal((await api('/roles?pillar=security&q=SRE')).totalCount, 0);

  await page.getByRole('button', { name: 'All pillars' }).click();
  await page.waitForURL(url => !url.searchParams.has('pillar'));
  assert.equal(await search.inputValue(), 'SRE');
  const [sre] = (await api('/roles?q=SRE')).items;
  assert.equal(sre.id, 'site-reliability-engineer');
  await page
    .getByRole('link', { name: sre.responsibilities[0].title })
    .first()
    .click();

  await page.waitForURL(
    /\/well-architected\/roles\/site-reliability-engineer$/,
  );
  await page.getByRole('heading', { level: 2, name: sre.title }).waitFor();
  const role = await api(`/roles/${sre.id}`);
  assert.ok(role.pillarIds.length > 1, 'the SRE works in several pillars');
  for (const pillarId of role.pillarIds) {
    const pillarCard = card(page, pillars.find(p => p.id === pillarId).title);
    for (const r of role.responsibilities.filter(
      x => x.pillarId === pillarId,
    )) {
      await pillarCard.getByText(r.description, { exact: true }).waitFor();
    }
  }

  const holders = card(page, 'Groups that hold this role');
  const { items: groups } = await api(`/roles/${sre.id}/groups`);
  assert.ok(
    groups.some(g => g.groupRef === 'group:default/sre-team'),
    "the example catalog's sre-team holds the role",
  );
  for (const group of groups) {
    await holders.getByRole('link', { name: group.displayName }).waitFor();
  }
  await screenshot(page, 'role-detail-site-reliability-engineer');
});

test('an unknown role id says that the role was not found', async () => {
  const page = await signIn('/well-architected/roles/chief-vibes-officer');
  // The panel's summary; its message shows when it is opened.
  const summary = page.getByText('Warning: Role not found', { exact: true });
  await summary.click();
  await page
    .getByText(
      /There is no Well-Architected role with id 'chief-vibes-officer'/,
    )
    .waitFor();
  await page.getByRole('link', { name: /All roles/ }).waitFor();
});
