import { Server } from 'node:http';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { wellArchitectedPlugin } from './plugin';
import { exampleEntities } from './__testUtils__/exampleEntities';
import { catalogReadsFromCatalogService } from './__testUtils__/services';
import { createTestDatabases } from './__testUtils__/testDataset';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const path = (groupName: string) =>
  `/api/well-architected/roles/incident-response-manager/groups/${encodeURIComponent(
    `group:default/${groupName}`,
  )}`;

describe.each(databases.eachSupportedId())(
  'racing link requests on %s',
  databaseId => {
    let knex: Knex;
    let server: Server;
    /** The `meta` of every succeeded audit event. */
    let succeeded: Array<Record<string, unknown>>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const auditor = mockServices.auditor.mock({
        createEvent: jest.fn(async () => ({
          success: jest.fn(
            async (options?: { meta?: Record<string, unknown> }) => {
              succeeded.push(options?.meta ?? {});
            },
          ),
          fail: jest.fn(),
        })),
      });
      ({ server } = await startTestBackend({
        features: [
          wellArchitectedPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: exampleEntities }),
          catalogReadsFromCatalogService,
          auditor.factory,
        ],
      }));
    });

    beforeEach(() => {
      succeeded = [];
    });

    it('answers exactly one of 30 identical PUTs with 201 and audits it alone as created', async () => {
      const responses = await Promise.all(
        Array.from({ length: 30 }, () => request(server).put(path('sre-team'))),
      );
      const statuses = responses.map(r => r.status).sort();
      expect(statuses).toEqual([...Array(29).fill(200), 201]);
      expect(succeeded.map(m => m.outcome).sort()).toEqual([
        ...Array(29).fill('already-existed'),
        'created',
      ]);
      expect(succeeded).toContainEqual({
        roleId: 'incident-response-manager',
        groupRef: 'group:default/sre-team',
        outcome: 'created',
      });
    });

    it('answers DELETEs racing PUTs with 204, 404 or 409 and never a 5xx', async () => {
      const answers: Array<[string, number]> = [];
      for (let round = 0; round < 10; round++) {
        const responses = await Promise.all([
          request(server).put(path('web-team')),
          request(server).delete(path('web-team')),
          request(server).put(path('web-team')),
          request(server).delete(path('web-team')),
        ]);
        responses.forEach((r, i) =>
          answers.push([i % 2 === 0 ? 'PUT' : 'DELETE', r.status]),
        );
      }
      expect(
        answers.filter(([method, status]) =>
          method === 'PUT'
            ? ![200, 201].includes(status)
            : ![204, 404, 409].includes(status),
        ),
      ).toEqual([]);
      // Every deletion audited names who made the link it removed, and when.
      const deletions = succeeded.filter(m => m.outcome === 'deleted');
      expect(deletions.length).toBe(
        answers.filter(([, s]) => s === 204).length,
      );
      for (const deletion of deletions) {
        expect(deletion).toEqual({
          roleId: 'incident-response-manager',
          groupRef: 'group:default/web-team',
          outcome: 'deleted',
          linkCreatedBy: 'user:default/mock',
          linkCreatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        });
      }
    });
  },
);
