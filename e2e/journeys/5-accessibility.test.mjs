import { test } from 'node:test';
import { assertAccessible, browserSessions } from '../support.mjs';

const signIn = browserSessions();

test('the roles page and a role page have no serious or critical accessibility violation', async () => {
  const page = await signIn('/well-architected');
  await page
    .getByRole('heading', { name: /Well-Architected/ })
    .first()
    .waitFor();
  await assertAccessible(page, '.well-architected-roles');

  await page.goto(
    new URL('/well-architected/roles/site-reliability-engineer', page.url())
      .href,
  );
  await page
    .getByRole('heading', { name: 'Site Reliability Engineer' })
    .first()
    .waitFor();
  await assertAccessible(page, '.well-architected-roles');
});
