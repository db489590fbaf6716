import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { wellArchitectedPlugin } from './plugin';
import { exampleEntities } from './__testUtils__/exampleEntities';
import { catalogReadsFromCatalogService } from './__testUtils__/services';
import { createTestDatabases } from './__testUtils__/testDataset';

jest.setTimeout(120_000);

const databases = createTestDatabases();

describe('wellArchitectedPlugin on a shared database', () => {
  it.each(databases.eachSupportedId())(
    'keeps one link and answers no 5xx when 50 identical PUTs arrive at once on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          wellArchitectedPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: exampleEntities }),
          catalogReadsFromCatalogService,
        ],
      });
      const path = `/api/well-architected/roles/incident-response-manager/groups/${encodeURIComponent(
        'group:default/sre-team',
      )}`;
      const responses = await Promise.all(
        Array.from({ length: 50 }, () => request(server).put(path)),
      );
      const statuses = responses.map(r => r.status);
      expect(statuses.filter(s => s !== 200 && s !== 201)).toEqual([]);
      expect(statuses).toContain(201);
      expect(
        await knex('role_links').where({
          role_id: 'incident-response-manager',
        }),
      ).toEqual([
        expect.objectContaining({ group_ref: 'group:default/sre-team' }),
      ]);
    },
  );
});
