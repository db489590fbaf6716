import { Server } from 'node:http';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { createRouter } from './router';
import {
  ApiRoute,
  apiRoutes,
  routeName,
  urlOf,
} from './__testUtils__/apiRoutes';
import {
  guardedRoutes,
  ObservedResponse,
  send,
  startApiBackend,
} from './__testUtils__/apiBackend';
import { spec } from './schema/openapi/generated/router';
import { testServices } from './__testUtils__/services';
import { createTestDatabases } from './__testUtils__/testDataset';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const named = (routes: ApiRoute[]) =>
  routes.map(route => [routeName(route), route] as const);

/**
 * The answers the tests have seen, as `GET /roles 200`. Every response goes through wrapServer,
 * which fails the test when it departs from the document.
 */
const seen = new Set<string>();

function see(route: ApiRoute, res: ObservedResponse) {
  seen.add(`${routeName(route)} ${res.status}`);
}

/** Every answer the document describes, as `GET /roles 200`. */
const documentedAnswers = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item).flatMap(([method, operation]) =>
    Object.keys(operation.responses).map(
      status => `${method.toUpperCase()} ${path} ${status}`,
    ),
  ),
);

describe('the route table', () => {
  it('has a route in the router for every operation of the OpenAPI document, and no other', async () => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      ...testServices({}),
    });
    // Express keeps each route's path and methods on the layers of the router's stack.
    const layers = router.stack as Array<{
      route?: { path: string; methods: Record<string, boolean> };
    }>;
    const served = layers.flatMap(({ route }) =>
      route
        ? Object.keys(route.methods).map(
            method =>
              `${method.toUpperCase()} ${route.path.replace(
                /:(\w+)/g,
                '{$1}',
              )}`,
          )
        : [],
    );
    // Besides the API, the router serves the document itself.
    expect([...served].sort()).toEqual(
      [...apiRoutes.map(routeName), 'GET /openapi.json'].sort(),
    );
  });
});

describe.each(databases.eachSupportedId())('every route on %s', databaseId => {
  let knex: Knex;
  let server: Server;
  let denied: Server;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    server = await startApiBackend(knex);
    denied = await startApiBackend(knex, AuthorizeResult.DENY);
  });

  it('answers the valid request and the other requests of each route as the document says', async () => {
    for (const route of apiRoutes) {
      const res = await send(server, route, route.valid);
      expect(res.status).toBeLessThan(300);
      see(route, res);
      for (const other of route.others) {
        const answer = await send(server, route, other.request);
        expect(answer.status).toBe(other.status);
        see(route, answer);
      }
    }
  });

  it.each(named(apiRoutes))(
    '%s answers 401 without credentials and with invalid ones',
    async (_, route) => {
      for (const authorization of [
        mockCredentials.none.header(),
        'Bearer not-a-token',
        mockCredentials.user.invalidHeader(),
        mockCredentials.service.invalidHeader(),
      ]) {
        const res = await send(server, route, route.valid, {
          Authorization: authorization,
        });
        expect(res.status).toBe(401);
        see(route, res);
      }
      expect(await knex('role_links')).toEqual([]);
    },
  );

  it('refuses every route that needs a permission to a user without it, and changes nothing', async () => {
    for (const route of guardedRoutes) {
      const before = await knex('role_links');
      const res = await send(denied, route, route.valid);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        error: { message: expect.stringContaining(route.permission!) },
      });
      see(route, res);
      expect(await knex('role_links')).toEqual(before);
      // The permitted call moves to the state the next mutation needs: PUT makes the link that
      // DELETE is then refused to remove.
      expect((await send(server, route, route.valid)).status).toBeLessThan(300);
    }
  });

  it('needs no permission to read', async () => {
    for (const route of apiRoutes.filter(r => !r.permission)) {
      expect((await send(denied, route, route.valid)).status).toBe(200);
    }
  });

  it.each(
    apiRoutes.flatMap(route =>
      route.malformed.map(
        request =>
          [
            `${route.method} ${urlOf(route, request).slice(0, 100)}`,
            route,
            request,
          ] as const,
      ),
    ),
  )('answers %s with 400', async (_, route, request) => {
    const res = await send(server, route, request);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { message: expect.any(String) } });
    see(route, res);
  });

  it.each(named(apiRoutes.filter(r => r.etag)))(
    '%s answers with the documented ETag and Cache-Control, and 304 to a matching If-None-Match',
    async (_, route) => {
      const first = await send(server, route, route.valid);
      see(route, first);
      const again = await send(server, route, route.valid, {
        'If-None-Match': String(first.headers.etag),
      });
      expect(again.status).toBe(304);
      see(route, again);
      // wrapServer checks bodies; the headers are checked here.
      const { ETag, CacheControl } = spec.components.headers;
      for (const res of [first, again]) {
        expect(res.headers.etag).toMatch(new RegExp(ETag.schema.pattern));
        expect(res.headers['cache-control']).toBe(CacheControl.schema.const);
      }
      const stale = await send(server, route, route.valid, {
        'If-None-Match': '"an-older-version"',
      });
      expect(stale.status).toBe(200);
    },
  );

  it('has seen every answer the document describes, but 503', () => {
    // A 503 needs a catalog or a database that fails; plugin.faults.test.ts makes those.
    expect(
      documentedAnswers.filter(
        answer => !answer.endsWith(' 503') && !seen.has(answer),
      ),
    ).toEqual([]);
  });
});
