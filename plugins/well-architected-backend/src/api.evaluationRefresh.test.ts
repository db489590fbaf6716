import { Server } from 'node:http';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  SuggestionsResponse,
  evaluationRefreshPermission,
} from 'backstage-plugin-well-architected-common';
import { Knex } from 'knex';
import { send, startApiServer } from './__testUtils__/apiBackend';
import { apiRoutes, routeName } from './__testUtils__/apiRoutes';
import { exampleEntities } from './__testUtils__/exampleEntities';
import { createTestDatabases } from './__testUtils__/testDataset';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const refreshRoute = apiRoutes.find(
  r => routeName(r) === 'POST /entities/{entityRef}/evaluation',
)!;
const suggestionsRoute = apiRoutes.find(
  r => routeName(r) === 'GET /suggestions',
)!;

const storefront = 'system:default/storefront';

/** The storefront System with the database `lonely-db` as one of its parts. */
const storefrontWithDatabase = exampleEntities.map(
  (e): Entity =>
    e.metadata.name === 'storefront'
      ? {
          ...e,
          metadata: { ...e.metadata, etag: 'with-database' },
          relations: [
            ...(e.relations ?? []),
            { type: 'hasPart', targetRef: 'resource:default/lonely-db' },
          ],
        }
      : e,
);

/** A catalog over the entities a test sets, that fails when the test says so. */
function changingCatalog() {
  const state = { entities: exampleEntities, down: false };
  const current = () => {
    if (state.down) {
      throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
    }
    return catalogServiceMock({ entities: state.entities });
  };
  const mock = catalogServiceMock.mock({
    getEntities: async (...args) => current().getEntities(...args),
    getEntitiesByRefs: async (...args) => current().getEntitiesByRefs(...args),
    queryEntities: async (...args) => current().queryEntities(...args),
  });
  return { state, factory: mock.factory };
}

describe.each(databases.eachSupportedId())(
  'POST /entities/{entityRef}/evaluation on %s',
  databaseId => {
    let knex: Knex;
    let server: Server;
    let denied: Server;
    let catalog: ReturnType<typeof changingCatalog>;
    const auditor = mockServices.auditor.mock();

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      catalog = changingCatalog();
      const features = (
        result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
      ) => [
        mockServices.database.factory({ knex }),
        // No round runs during the tests: what changes the stored evaluation is the refresh.
        mockServices.rootConfig.factory({
          data: { wellArchitected: { evaluation: { initialDelay: '1h' } } },
        }),
        mockServices.permissions.factory({ result }),
        auditor.factory,
        catalog.factory,
      ];
      server = await startApiServer(features(AuthorizeResult.ALLOW));
      denied = await startApiServer(features(AuthorizeResult.DENY));
    });

    beforeEach(() => {
      catalog.state.entities = exampleEntities;
      catalog.state.down = false;
    });

    const refresh = (entityRef: string, on = server) =>
      send(on, refreshRoute, { params: { entityRef } });
    const suggestions = async (entityRef: string) =>
      (await send(server, suggestionsRoute, { query: { entityRef } }))
        .body as SuggestionsResponse;
    const roleIds = (answer: SuggestionsResponse) =>
      answer.suggestions.map(s => s.roleId);

    it('picks up a catalog change before the next round, stores it, and answers as GET /suggestions', async () => {
      const before = await suggestions(storefront);
      expect(roleIds(before)).not.toContain('database-administrator');

      catalog.state.entities = storefrontWithDatabase;
      // The stored evaluation is served until something evaluates the entity again.
      expect(roleIds(await suggestions(storefront))).toEqual(roleIds(before));
      // MySQL keeps whole seconds.
      const refreshedFrom = Math.floor(Date.now() / 1000) * 1000;
      const res = await refresh(storefront);
      expect(res.status).toBe(200);
      const answer = res.body as SuggestionsResponse;
      expect(roleIds(answer)).toContain('database-administrator');
      expect(answer.inspectedEntityRefs).toContain(
        'resource:default/lonely-db',
      );
      expect(Date.parse(answer.evaluatedAt)).toBeGreaterThanOrEqual(
        refreshedFrom,
      );
      expect(await suggestions(storefront)).toEqual(answer);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'evaluation-refresh',
          severityLevel: 'medium',
          meta: { entityRef: storefront, actor: 'user:default/mock' },
        }),
      );
    });

    it.each([
      [
        'resource:default/payments-db',
        400,
        "Suggestions are made for System and Component entities, not for 'resource'",
      ],
      [
        'system:default/nope',
        404,
        "No entity 'system:default/nope' in the catalog, or you may not see it",
      ],
    ])(
      'answers %s with %i and the message of GET /suggestions',
      async (entityRef, status, message) => {
        const res = await refresh(entityRef);
        expect(res.status).toBe(status);
        expect(res.body).toMatchObject({ error: { message } });
      },
    );

    it('answers 403 to a caller the policy denies, and keeps the stored evaluation', async () => {
      // The first answer evaluates the entity on demand; the second is the stored evaluation,
      // as it reads back (whole seconds on MySQL).
      await suggestions('system:default/payments');
      const before = await suggestions('system:default/payments');
      catalog.state.entities = storefrontWithDatabase;
      const res = await refresh('system:default/payments', denied);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        error: {
          message: expect.stringContaining(evaluationRefreshPermission.name),
        },
      });
      expect(await suggestions('system:default/payments')).toEqual(before);
    });

    it('answers 503 when the catalog fails, and keeps the stored evaluation', async () => {
      const before = await suggestions('system:default/payments');
      catalog.state.down = true;
      const res = await refresh('system:default/payments');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({
        error: { message: expect.stringMatching(/catalog did not answer/) },
      });
      catalog.state.down = false;
      expect(await suggestions('system:default/payments')).toEqual(before);
    });
  },
);
