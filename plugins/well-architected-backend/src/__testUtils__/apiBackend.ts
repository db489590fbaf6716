import { Server } from 'node:http';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import { wellArchitectedPlugin } from '../plugin';
import { apiRoutes, ApiRequest, ApiRoute, urlOf } from './apiRoutes';
import { exampleEntities } from './exampleEntities';
import { ObservedResponse } from './openApiContract';

/** Where the plugin's API is mounted in a test backend. */
export const API = '/api/well-architected';

/** The path of the portal link between a role and a group. */
export function linkPath(roleId: string, groupRef: string) {
  return `${API}/roles/${roleId}/groups/${encodeURIComponent(groupRef)}`;
}

/**
 * The real plugin behind the real auth and error handling of a test backend, on a test database,
 * over the example catalog, with every permission decision answered with `permission` and the
 * plugin's logs going to `logger`.
 */
export async function startApiBackend(
  knex: Knex,
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  logger = mockServices.logger.mock(),
): Promise<Server> {
  const { server } = await startTestBackend({
    features: [
      wellArchitectedPlugin,
      mockServices.database.factory({ knex }),
      mockServices.permissions.factory({ result: permission }),
      catalogServiceMock.factory({ entities: exampleEntities }),
      logger.factory,
    ],
  });
  return server;
}

/** Sends one request to a route; `headers` can replace the mock user's credentials. */
export async function send(
  server: Server,
  route: ApiRoute,
  apiRequest: ApiRequest,
  headers: Record<string, string> = {},
): Promise<ObservedResponse> {
  const url = urlOf(route, apiRequest);
  const method = route.method.toLowerCase() as 'get' | 'put' | 'delete';
  const {
    status,
    headers: responseHeaders,
    body,
    text,
  } = await request(server)[method](url).set(headers);
  return {
    method: route.method,
    url,
    status,
    headers: responseHeaders,
    body,
    text,
  };
}

/** The routes that change data. */
export const mutations = apiRoutes.filter(r => r.permission);
