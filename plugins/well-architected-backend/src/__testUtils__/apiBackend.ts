import { createServer, Server } from 'node:http';
import { BackendFeature } from '@backstage/backend-plugin-api';
import {
  mockErrorHandler,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { wrapServer } from '@backstage/backend-openapi-utils/testUtils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import { wellArchitectedPlugin } from '../plugin';
import { apiRoutes, ApiRequest, ApiRoute, urlOf } from './apiRoutes';
import { exampleEntities } from './exampleEntities';
import { catalogReadsFromCatalogService } from './services';

/** The path of the portal link between a role and a group. */
export function linkPath(roleId: string, groupRef: string) {
  return `/roles/${roleId}/groups/${encodeURIComponent(groupRef)}`;
}

/**
 * The app behind each checked server, without the proxy. The proxy's checker reads JSON answers
 * only and refuses an operation whose success is not JSON (the CSV export), so requests to such an
 * operation go straight to the app; their tests check the answers themselves.
 */
const unchecked = new WeakMap<Server, Server>();

/**
 * Serves an app behind `wrapServer`, which checks every request and response against the OpenAPI
 * document that the app's router serves.
 */
async function serveChecked(app: express.Express): Promise<Server> {
  // wrapServer's proxy forwards to `localhost` over IPv6 when the app's port answers there, and
  // some machines' hosts files name localhost for IPv4 only; so the app listens on IPv4 alone.
  let direct: Server | undefined;
  const ipv4 = Object.assign(app, {
    listen: (port: number) => {
      direct = createServer(app).listen(port, '127.0.0.1');
      return direct;
    },
  });
  const checked = await wrapServer(ipv4);
  unchecked.set(checked, direct!);
  return checked;
}

/**
 * The plugin in a test backend with `features` (services that replace the defaults), its router
 * served at the root, as the OpenAPI document's paths are written, behind `wrapServer`. Auth,
 * permissions and errors are the test backend's.
 */
export async function startApiServer(
  features: BackendFeature[],
): Promise<Server> {
  const httpRouter = mockServices.httpRouter.mock();
  await startTestBackend({
    features: [
      wellArchitectedPlugin,
      httpRouter.factory,
      catalogReadsFromCatalogService,
      ...features,
    ],
  });
  // What the plugin and its services mounted: the plugin's router, the permission integration.
  const app = express();
  for (const [handler] of httpRouter.use.mock.calls) {
    app.use(handler);
  }
  return serveChecked(app.use(mockErrorHandler()));
}

/**
 * {@link startApiServer} on a test database, over the example catalog, with every permission
 * decision answered with `permission` and the plugin's logs going to `logger`.
 */
export async function startApiBackend(
  knex: Knex,
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  logger = mockServices.logger.mock(),
): Promise<Server> {
  return startApiServer([
    mockServices.database.factory({ knex }),
    mockServices.permissions.factory({ result: permission }),
    catalogServiceMock.factory({ entities: exampleEntities }),
    logger.factory,
  ]);
}

/** One request a test sent, and the response it got. */
export interface ObservedResponse {
  method: string;
  /** The request URL, with its query. */
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  text?: string;
}

/** Sends one request to a route; `headers` can replace the mock user's credentials. */
export async function send(
  server: Server,
  route: ApiRoute,
  apiRequest: ApiRequest,
  headers: Record<string, string> = {},
): Promise<ObservedResponse> {
  const url = urlOf(route, apiRequest);
  const method = route.method.toLowerCase() as
    | 'get'
    | 'post'
    | 'put'
    | 'delete';
  const {
    status,
    headers: responseHeaders,
    body,
    text,
  } = await request(route.json ? server : unchecked.get(server) ?? server)
    [method](url)
    .set(headers)
    .send(apiRequest.body);
  return {
    method: route.method,
    url,
    status,
    headers: responseHeaders,
    body,
    text,
  };
}

/** The routes that need a permission: the changes, and the rule feedback. */
export const guardedRoutes = apiRoutes.filter(r => r.permission);
