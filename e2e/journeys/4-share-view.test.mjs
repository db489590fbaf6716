import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, browserSessions, card } from '../support.mjs';

const signIn = browserSessions();

/** What a person sees of the roles page: filters, search, and the entries listed. */
async function view(page, pillar, category) {
  const selected = async name =>
    /MuiChip-colorPrimary/.test(
      await page.getByRole('button', { name }).getAttribute('class'),
    );
  return {
    pillarSelected: await selected(pillar),
    categorySelected: await selected(category),
    search: await page
      .getByRole('textbox', { name: 'Search roles' })
      .inputValue(),
    entries: await page
      .getByRole('listitem')
      .filter({ has: page.locator('a[href*="/well-architected/roles/"]') })
      .allInnerTexts(),
  };
}

test('a filtered roles-page URL opens the same view for someone else', async () => {
  const { items: pillars } = await api('/pillars');
  const security = pillars.find(p => p.id === 'security');
  const category = security.categories.find(
    c => c.id === 'security/identity-access-and-data-protection',
  );
  const q = 'data';
  const { items: roles, totalCount } = await api(
    `/roles?pillar=security&category=${encodeURIComponent(category.id)}&q=${q}`,
  );
  assert.ok(totalCount > 0 && totalCount < category.roleCount);
  const pillarChip = `${security.title} (${security.roleCount})`;
  const categoryChip = `${category.title} (${category.roleCount})`;
  const entries = roles.flatMap(r => r.responsibilities).length;
  // The header counts what is listed: the roles, and their responsibilities shown.
  const listed = `${totalCount} role${
    totalCount === 1 ? '' : 's'
  } · ${entries} ${entries === 1 ? 'responsibility' : 'responsibilities'}`;

  const sharer = await signIn('/well-architected');
  await sharer.getByRole('button', { name: pillarChip }).click();
  await sharer.getByRole('button', { name: categoryChip }).click();
  await sharer.getByRole('textbox', { name: 'Search roles' }).fill(q);
  await sharer.waitForURL(url => url.searchParams.get('q') === q);
  await sharer.getByText(listed, { exact: true }).waitFor();
  const url = new URL(sharer.url());
  assert.equal(url.searchParams.get('pillar'), 'security');
  assert.equal(url.searchParams.get('category'), category.id);
  const shared = await view(sharer, pillarChip, categoryChip);
  assert.deepEqual(
    { ...shared, entries: shared.entries.length },
    {
      pillarSelected: true,
      categorySelected: true,
      search: q,
      entries,
    },
  );

  const recipient = await signIn(url.pathname + url.search);
  await card(recipient, category.title).waitFor();
  await recipient.getByText(listed, { exact: true }).waitFor();
  assert.equal(recipient.url(), url.href);
  assert.deepEqual(await view(recipient, pillarChip, categoryChip), shared);
});
