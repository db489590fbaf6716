import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { linkPath, startApiServer } from './__testUtils__/apiBackend';
import { exampleEntities } from './__testUtils__/exampleEntities';
import { createTestDatabases } from './__testUtils__/testDataset';
import { expectPlainError } from './__testUtils__/plainError';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const LINK = linkPath('incident-response-manager', 'group:default/sre-team');

/** The rows users and the dataset loader wrote, to compare before and after a fault. */
async function storedState(knex: Knex) {
  return {
    links: await knex('role_links').orderBy(['role_id', 'group_ref']),
    dataset: await knex('dataset_state'),
    roles: await knex('roles').count({ n: '*' }),
  };
}

/** A catalog that answers from the example entities, fails, or never answers, as a test sets. */
function switchableCatalog() {
  const healthy = catalogServiceMock({ entities: exampleEntities });
  const state = { mode: 'up' as 'up' | 'down' | 'hung' };
  const gate = <T>(read: () => Promise<T>): Promise<T> => {
    if (state.mode === 'down') {
      return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:7007'));
    }
    return state.mode === 'hung' ? new Promise<T>(() => {}) : read();
  };
  const mock = catalogServiceMock.mock({
    getEntities: (...args) => gate(() => healthy.getEntities(...args)),
    getEntitiesByRefs: (...args) =>
      gate(() => healthy.getEntitiesByRefs(...args)),
    queryEntities: (...args) => gate(() => healthy.queryEntities(...args)),
  });
  return { state, factory: mock.factory };
}

describe('when the catalog fails', () => {
  it.each(databases.eachSupportedId())(
    'answers 503 for what needs the catalog, serves the roles, and changes nothing on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const catalog = switchableCatalog();
      const server = await startApiServer([
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: { wellArchitected: { catalogTimeout: '300ms' } },
        }),
        catalog.factory,
      ]);
      expect((await request(server).put(LINK)).status).toBe(201);
      const before = await storedState(knex);

      for (const mode of ['down', 'hung'] as const) {
        catalog.state.mode = mode;
        for (const call of [
          request(server).get(`/suggestions?entityRef=system:default/payments`),
          request(server).post(
            `/entities/${encodeURIComponent(
              'system:default/payments',
            )}/evaluation`,
          ),
          request(server).get(`/coverage`),
          request(server).get(`/roles/incident-response-manager/groups`),
          request(server).get(`/groups/sre-team/roles`),
          request(server).put(LINK.replace('sre-team', 'web-team')),
          request(server).delete(LINK.replace('sre-team', 'data-team')),
        ]) {
          const started = Date.now();
          const res = await call;
          expect(res.status).toBe(503);
          expect(res.body.error.message).toMatch(/catalog did not answer/);
          expectPlainError(res);
          // A hung catalog holds a request for the configured timeout, not for ever.
          expect(Date.now() - started).toBeLessThan(5_000);
        }
        expect((await request(server).get(`/pillars`)).status).toBe(200);
        expect((await request(server).get(`/roles?q=sre`)).status).toBe(200);
      }
      expect(await storedState(knex)).toEqual(before);

      catalog.state.mode = 'up';
      const groups = await request(server).get(
        `/roles/incident-response-manager/groups`,
      );
      expect(groups.status).toBe(200);
    },
  );
});
