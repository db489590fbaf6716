import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { linkPath, startApiServer } from './__testUtils__/apiBackend';
import { exampleEntities } from './__testUtils__/exampleEntities';
import { expectPlainError } from './__testUtils__/plainError';
import { TcpProxy } from './__testUtils__/tcpProxy';
import {
  anotherPool,
  createTestDatabases,
  serverDatabaseIds,
} from './__testUtils__/testDataset';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const LINK = linkPath('incident-response-manager', 'group:default/sre-team');

describe('when the database goes away', () => {
  // SQLite is a file inside the backend process; it cannot become unreachable.
  it.each(serverDatabaseIds(databases))(
    'serves the dataset, answers 503 without SQL text for links while %s is unreachable, and recovers',
    async databaseId => {
      const direct = await databases.init(databaseId);
      const { host, port } = direct.client.config.connection;
      const proxy = await TcpProxy.start({ host, port: Number(port) });
      const knex = anotherPool(direct, {
        connection: { host: '127.0.0.1', port: proxy.port },
        // The pool logs each refused connection to the console; the test checks the answers.
        log: { warn() {}, error() {}, debug() {}, deprecate() {} },
      });
      try {
        const server = await startApiServer([
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: exampleEntities }),
        ]);
        expect((await request(server).put(LINK)).status).toBe(201);

        await proxy.stop();
        // The dataset is served from memory: a loaded version's content never changes.
        for (const path of [
          '/pillars',
          '/roles?q=sre',
          '/roles/data-engineer',
        ]) {
          expect((await request(server).get(`${path}`)).status).toBe(200);
        }
        for (const call of [
          request(server).get(`/roles/incident-response-manager/groups`),
          request(server).get(`/groups/sre-team/roles`),
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
        const roles = await request(server).get(`/roles`);
        expect(roles.status).toBe(200);
        const held = await request(server).get(`/groups/sre-team/roles`);
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
