import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api,
  assertAccessible,
  browserSessions,
  card,
  screenshot,
} from '../support.mjs';

const signIn = browserSessions();

/** Rows the card shows before "Show all". */
const ROWS_SHOWN = 5;
const MEMBERS_SHOWN = 5;

test("a System's reviewers card, compact: a summary, one row per role, details on expand, accessible", async () => {
  const page = await signIn('/catalog/default/system/payments');
  const reviewers = card(page, 'Well-Architected reviewers');
  const roles = reviewers.getByRole('list', { name: 'Suggested roles' });
  await roles.waitFor();

  const result = await api(
    `/suggestions?entityRef=${encodeURIComponent('system:default/payments')}`,
  );
  const { suggestions } = result;
  assert.ok(suggestions.length > ROWS_SHOWN, 'payments has many roles');
  const gaps = suggestions.filter(s => s.reviewers.length === 0).length;
  assert.ok(gaps > 0, 'the example system has coverage gaps');

  const summary = `${suggestions.length} roles · ${
    suggestions.length - gaps
  } with reviewers · ${gaps} ${gaps === 1 ? 'gap' : 'gaps'}`;
  await reviewers.getByText(summary, { exact: true }).waitFor();

  // One row per role, the strongest first, however many pillars it serves.
  const rows = roles.locator(':scope > li');
  assert.equal(await rows.count(), ROWS_SHOWN);
  for (const [index, suggestion] of suggestions
    .slice(0, ROWS_SHOWN)
    .entries()) {
    const row = rows.nth(index);
    await row
      .getByRole('link', { name: suggestion.roleTitle, exact: true })
      .waitFor();
    await row
      .getByText(`${suggestion.confidence} confidence`, { exact: true })
      .waitFor();
    await row.getByText(suggestion.reasons[0].message).first().waitFor();
    const [top] = suggestion.reviewers;
    if (top) {
      await row
        .getByRole('link', { name: top.displayName, exact: true })
        .waitFor();
    } else {
      await row.getByText('No group holds this role yet').waitFor();
    }
  }
  await screenshot(page, 'reviewers-card-payments', reviewers);
  const box = await reviewers.boundingBox();
  assert.ok(box.height <= 700, `the card is ${box.height} px tall`);

  // Expanding a row shows every reason, group and member.
  const withGroup = suggestions.findIndex(
    (s, i) => i < ROWS_SHOWN && s.reviewers.length > 0,
  );
  const expanded = suggestions[withGroup];
  const row = rows.nth(withGroup);
  await row
    .getByRole('button', { name: `Details for ${expanded.roleTitle}` })
    .click();
  for (const reason of expanded.reasons) {
    await row.getByText(reason.message).first().waitFor();
  }
  for (const reviewer of expanded.reviewers) {
    await row
      .getByRole('link', { name: reviewer.displayName, exact: true })
      .first()
      .waitFor();
    // Asked for on expand, as the card asks for them.
    const { members } = await api(
      `/groups/${encodeURIComponent(reviewer.groupRef)}/members`,
    );
    for (const member of members.slice(0, MEMBERS_SHOWN)) {
      await row
        .getByRole('link', { name: member.displayName, exact: true })
        .first()
        .waitFor();
    }
  }
  // Groups with no member the caller can see show none, once their answer is in.
  await page.waitForFunction(
    () =>
      !document
        .querySelector('.well-architected-reviewers-card')
        ?.textContent?.includes('Loading members…'),
  );
  await assertAccessible(page, '.well-architected-reviewers-card');
  await screenshot(page, 'reviewers-card-payments-expanded', reviewers);

  // "Show all" lists every role once.
  await reviewers
    .getByRole('button', { name: `Show all ${suggestions.length} roles` })
    .click();
  assert.equal(await rows.count(), suggestions.length);
});
