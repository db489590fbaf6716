// Waits until the backend that run.sh started is ready and its catalog has processed the whole
// example catalog, so that every journey sees the same data from its first page on. Exits 1 when
// the backend stops or is not there within the time limit.
import { readFile, readdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

const baseUrl = process.env.E2E_BASE_URL;
const backendPid = Number(process.env.E2E_BACKEND_PID);
const deadline = Date.now() + 180_000;
const examplesDir = new URL('../examples/', import.meta.url);

// The catalog stores every relation in both directions; one whose reverse is missing on its
// target means that the target has not been stitched since the source was processed.
const REVERSE = {
  ownedBy: 'ownerOf',
  ownerOf: 'ownedBy',
  partOf: 'hasPart',
  hasPart: 'partOf',
  dependsOn: 'dependencyOf',
  dependencyOf: 'dependsOn',
  providesApi: 'apiProvidedBy',
  apiProvidedBy: 'providesApi',
  consumesApi: 'apiConsumedBy',
  apiConsumedBy: 'consumesApi',
  memberOf: 'hasMember',
  hasMember: 'memberOf',
  childOf: 'parentOf',
  parentOf: 'childOf',
};

/** Each example file holds one entity per YAML document, each with a top-level `kind:`. */
async function exampleEntityCount() {
  let count = 0;
  for (const file of await readdir(examplesDir)) {
    const text = await readFile(new URL(file, examplesDir), 'utf8');
    count += text.match(/^kind:/gm)?.length ?? 0;
  }
  return count;
}

async function waitFor(what, check) {
  for (;;) {
    try {
      process.kill(backendPid, 0);
    } catch {
      throw new Error(`the backend stopped while waiting for ${what}`);
    }
    if (await check().catch(() => false)) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await sleep(1000);
  }
}

async function catalogIsComplete(token, expected) {
  const res = await fetch(
    new URL(
      '/api/catalog/entities/by-query?limit=1000&fields=kind,metadata.namespace,metadata.name,relations',
      baseUrl,
    ),
    { headers: { authorization: `Bearer ${token}` } },
  );
  const { items } = await res.json();
  const entities = new Map(
    items
      .filter(e => e.kind !== 'Location')
      .map(e => [
        `${e.kind}:${e.metadata.namespace}/${e.metadata.name}`.toLowerCase(),
        e,
      ]),
  );
  if (entities.size < expected) {
    return false;
  }
  return [...entities].every(([ref, entity]) =>
    (entity.relations ?? []).every(({ type, targetRef }) => {
      const target = entities.get(targetRef.toLowerCase());
      return (
        !REVERSE[type] ||
        !target ||
        target.relations?.some(
          r => r.type === REVERSE[type] && r.targetRef.toLowerCase() === ref,
        )
      );
    }),
  );
}

try {
  await waitFor('the readiness probe', async () => {
    const res = await fetch(
      new URL('/.backstage/health/v1/readiness', baseUrl),
    );
    return res.ok;
  });
  const signIn = await fetch(new URL('/api/auth/guest/refresh', baseUrl), {
    method: 'POST',
  });
  if (!signIn.ok) {
    throw new Error(`guest sign-in failed: ${await signIn.text()}`);
  }
  const { backstageIdentity } = await signIn.json();
  const expected = await exampleEntityCount();
  await waitFor(`the ${expected} example entities`, () =>
    catalogIsComplete(backstageIdentity.token, expected),
  );
  // A round of the evaluation that ran while the catalog was still being processed saw part of
  // it; the journeys start once a round has seen all of it (e2e's config runs one every 15 s).
  // A round re-evaluates only what changed, so payments' time may stay before `complete` when
  // its part of the catalog was whole already: two intervals later, a whole round has run since.
  const complete = Date.now();
  const roundsLater = complete + 2 * 15_000;
  await waitFor('an evaluation of the whole example catalog', async () => {
    const res = await fetch(
      new URL(
        '/api/well-architected/suggestions?entityRef=system:default/payments',
        baseUrl,
      ),
      { headers: { Authorization: `Bearer ${backstageIdentity.token}` } },
    );
    const { evaluatedAt, suggestions } = await res.json();
    return (
      res.ok &&
      (Date.parse(evaluatedAt) >= complete || Date.now() >= roundsLater) &&
      suggestions.some(s => s.reviewers.length > 0)
    );
  });
  console.log(`the app is ready with the ${expected} example entities`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
