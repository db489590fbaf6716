import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  baseUrl,
  browserSessions,
  guestToken,
  screenshot,
} from '../support.mjs';

const signIn = browserSessions();

// A catalog location that run.sh leaves empty; the catalog reads it every few seconds.
const LOCATION = join(process.env.E2E_DATA_DIR, 'journey-entities.yaml');
// The evaluation's interval in e2e/app-config.e2e.yaml.
const ROUND_MS = 15_000;

// A new System of sre-team, the Group the guest belongs to, with personal data that no Group of
// the example catalog reviews for.
const SYSTEM = { name: 'ledger-archive', title: 'Ledger Archive' };
const SYSTEM_YAML = `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: ${SYSTEM.name}
  title: ${SYSTEM.title}
  tags: [personal-data]
spec:
  owner: group:default/sre-team
`;

/** The guest's notifications about the journey's System. */
async function notificationsAboutSystem() {
  const url = new URL('/api/notifications/notifications', baseUrl);
  url.searchParams.set('search', SYSTEM.title);
  url.searchParams.set('limit', '100');
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${await guestToken()}` },
  });
  assert.equal(res.status, 200, await res.clone().text());
  const { notifications } = await res.json();
  return notifications.filter(n =>
    n.payload.title.startsWith(`${SYSTEM.title} needs a reviewer`),
  );
}

/** Asks until `check` answers something, for up to `ms`. */
async function eventually(check, ms, what) {
  const until = Date.now() + ms;
  for (;;) {
    const answer = await check();
    if (answer) return answer;
    if (Date.now() > until) throw new Error(`Waited ${ms} ms for ${what}`);
    await sleep(1000);
  }
}

test('a System that gains a role nobody holds tells its owners once, on the notifications page', async () => {
  try {
    await writeFile(LOCATION, SYSTEM_YAML);
    const told = await eventually(
      async () => {
        const found = await notificationsAboutSystem();
        return found.length > 0 && found;
      },
      120_000,
      `a notification about ${SYSTEM.title}`,
    );
    for (const notification of told) {
      assert.equal(
        notification.payload.link,
        `/catalog/default/system/${SYSTEM.name}`,
      );
      assert.equal(notification.payload.topic, 'Well-Architected gaps');
    }

    const page = await signIn('/notifications');
    const first = told[0].payload.title;
    await page.getByText(first, { exact: true }).waitFor();
    await screenshot(page, 'notifications-new-gap');

    // Two more rounds: the gap is the same, so nobody is told again, and no notification is
    // sent again under its scope (which would mark it updated).
    await sleep(2 * ROUND_MS + 5_000);
    const after = await notificationsAboutSystem();
    assert.deepEqual(
      after.map(n => n.id).sort(),
      told.map(n => n.id).sort(),
      'the same notifications, no new one',
    );
    assert.deepEqual(
      after.filter(n => n.updated),
      [],
      'no notification sent again',
    );
    assert.equal(
      new Set(after.map(n => n.payload.title)).size,
      after.length,
      'one notification a role',
    );
    console.log(
      `notifications about ${SYSTEM.title}: ${after
        .map(n => n.payload.title)
        .join('; ')}`,
    );
  } finally {
    await writeFile(LOCATION, '# no entities until a journey writes some\n');
    // The catalog removes the System when it reads the emptied location (orphanStrategy).
    await eventually(
      async () => {
        const res = await fetch(
          new URL(
            `/api/catalog/entities/by-name/system/default/${SYSTEM.name}`,
            baseUrl,
          ),
          { headers: { authorization: `Bearer ${await guestToken()}` } },
        );
        return res.status === 404;
      },
      60_000,
      `${SYSTEM.title} to leave the catalog`,
    );
  }
});
