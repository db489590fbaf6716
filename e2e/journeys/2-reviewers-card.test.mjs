import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, browserSessions, card, screenshot } from '../support.mjs';

const signIn = browserSessions();

const MEMBERS_SHOWN = 5;

test("a System's reviewers card: suggested roles with reasons, reviewer groups and people, gaps", async () => {
  const page = await signIn('/catalog/default/system/payments');
  const reviewers = card(page, 'Well-Architected reviewers');
  await reviewers.getByText('Coverage gaps', { exact: true }).waitFor();

  const { items: pillars } = await api('/pillars');
  const result = await api(
    `/suggestions?entityRef=${encodeURIComponent('system:default/payments')}`,
  );
  assert.ok(
    result.suggestions.length > 0,
    'the example system has suggestions',
  );
  assert.ok(result.gaps.length > 0, 'the example system has coverage gaps');

  // A role serving several pillars is listed under each of them, every time in full.
  for (const suggestion of result.suggestions) {
    const entries = reviewers.getByRole('listitem').filter({
      has: page.getByRole('link', { name: suggestion.roleTitle, exact: true }),
    });
    assert.equal(await entries.count(), suggestion.pillarIds.length);
    for (const entry of await entries.all()) {
      for (const reason of suggestion.reasons) {
        await entry.getByText(reason.message, { exact: true }).waitFor();
      }
      if (suggestion.reviewers.length === 0) {
        await entry.getByText('No group holds this role yet.').waitFor();
      }
      for (const reviewer of suggestion.reviewers) {
        await entry
          .getByRole('link', { name: reviewer.displayName, exact: true })
          .waitFor();
        await entry
          .getByText(`(${reviewer.reason})`, { exact: true })
          .waitFor();
        for (const member of reviewer.members.slice(0, MEMBERS_SHOWN)) {
          await entry
            .getByRole('link', { name: member.displayName, exact: true })
            .first()
            .waitFor();
        }
      }
    }
  }

  const titleOf = roleId =>
    result.suggestions.find(s => s.roleId === roleId).roleTitle;
  for (const gap of result.gaps) {
    const pillar = pillars.find(p => p.id === gap.pillarId);
    await reviewers
      .getByText(`${pillar.title}: ${gap.roleIds.map(titleOf).join(', ')}`, {
        exact: true,
      })
      .waitFor();
  }

  await screenshot(page, 'reviewers-card-payments', reviewers);
});
