import {
  TestDatabaseId,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { wellArchitectedPlugin } from './plugin';
import { exampleEntities } from './__testUtils__/exampleEntities';
import { anotherPool, createTestDatabases } from './__testUtils__/testDataset';
import { OpenApiContract } from './__testUtils__/openApiContract';
import { TcpProxy } from './__testUtils__/tcpProxy';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const API = '/api/well-architected';
const LINK = `${API}/roles/incident-response-manager/groups/${encodeURIComponent(
  'group:default/sre-team',
)}`;

let contract: OpenApiContract;
beforeAll(async () => {
  contract = await OpenApiContract.load();
});

/**
 * A 503 as the OpenAPI document describes it, which never shows SQL, driver names or a stack
 * trace.
 */
function expectPlainError(res: request.Response) {
  expect(
    contract.violations({
      method: res.request.method,
      url: new URL(res.request.url).pathname,
      status: res.status,
      headers: res.headers,
      body: res.body,
      text: res.text,
    }),
  ).toEqual([]);
  const text = JSON.stringify(res.body.error);
  expect(text).not.toMatch(
    /\b(select|insert|update|delete)\b|knex|sqlite|pg_|mysql|ECONN|\bat .*\.[jt]s:\d+/i,
  );
  expect(text).not.toContain('"stack"');
}

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
  });
  return { state, factory: mock.factory };
}

describe('when the catalog fails', () => {
  it.each(databases.eachSupportedId())(
    'answers 503 for what needs the catalog, serves the roles, and changes nothing on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const catalog = switchableCatalog();
      const { server } = await startTestBackend({
        features: [
          wellArchitectedPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { wellArchitected: { catalogTimeout: '300ms' } },
          }),
          catalog.factory,
        ],
      });
      expect((await request(server).put(LINK)).status).toBe(201);
      const before = await storedState(knex);

      for (const mode of ['down', 'hung'] as const) {
        catalog.state.mode = mode;
        for (const call of [
          request(server).get(
            `${API}/suggestions?entityRef=system:default/payments`,
          ),
          request(server).get(`${API}/roles/incident-response-manager/groups`),
          request(server).get(`${API}/groups/sre-team/roles`),
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
        expect((await request(server).get(`${API}/pillars`)).status).toBe(200);
        expect((await request(server).get(`${API}/roles?q=sre`)).status).toBe(
          200,
        );
      }
      expect(await storedState(knex)).toEqual(before);

      catalog.state.mode = 'up';
      const groups = await request(server).get(
        `${API}/roles/incident-response-manager/groups`,
      );
      expect(groups.status).toBe(200);
    },
  );
});

describe('when the database goes away', () => {
  // SQLite is a file inside the backend process; it cannot become unreachable.
  const servers = databases
    .eachSupportedId()
    .filter(([id]) => id !== 'SQLITE_3');

  it.each(servers)(
    'serves the dataset, answers 503 without SQL text for links while %s is unreachable, and recovers',
    async (databaseId: TestDatabaseId) => {
      const direct = await databases.init(databaseId);
      const { host, port } = direct.client.config.connection;
      const proxy = await TcpProxy.start({ host, port: Number(port) });
      const knex = anotherPool(direct, {
        connection: { host: '127.0.0.1', port: proxy.port },
        // The pool logs each refused connection to the console; the test checks the answers.
        log: { warn() {}, error() {}, debug() {}, deprecate() {} },
      });
      try {
        const { server } = await startTestBackend({
          features: [
            wellArchitectedPlugin,
            mockServices.database.factory({ knex }),
            catalogServiceMock.factory({ entities: exampleEntities }),
          ],
        });
        expect((await request(server).put(LINK)).status).toBe(201);

        await proxy.stop();
        // The dataset is served from memory: a loaded version's content never changes.
        for (const path of [
          '/pillars',
          '/roles?q=sre',
          '/roles/data-engineer',
        ]) {
          expect((await request(server).get(`${API}${path}`)).status).toBe(200);
        }
        for (const call of [
          request(server).get(`${API}/roles/incident-response-manager/groups`),
          request(server).get(`${API}/groups/sre-team/roles`),
          request(server).put(LINK.replace('sre-team', 'web-team')),
          request(server).delete(LINK),
        ]) {
          const res = await call;
          expect(res.status).toBe(503);
          expect(res.body.error.message).toBe(
            'The Well-Architected database cannot be reached right now; try again shortly',
          );
          expectPlainError(res);
        }

        await proxy.resume();
        const roles = await request(server).get(`${API}/roles`);
        expect(roles.status).toBe(200);
        const held = await request(server).get(`${API}/groups/sre-team/roles`);
        expect(held.status).toBe(200);
        expect(held.body.items).toContainEqual(
          expect.objectContaining({
            roleId: 'incident-response-manager',
            sources: expect.arrayContaining(['portal']),
          }),
        );
      } finally {
        await knex.destroy();
        await proxy.stop();
      }
    },
  );
});
