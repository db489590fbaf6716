import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { paths } from 'backstage-plugin-well-architected-common';
import createClient, { Client } from 'openapi-fetch';
import { WellArchitectedApi } from './WellArchitectedApi';

/**
 * {@link WellArchitectedApi} over HTTP, through the app's discovery and fetch APIs.
 *
 * @public
 */
export class WellArchitectedClient implements WellArchitectedApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /**
   * Asks the backend through a client of its paths, parameters and answers, typed from its OpenAPI
   * document, at the base URL discovery gives now; resolves to the answer's body. An error answer
   * rejects with a ResponseError, as Backstage's own clients do.
   */
  private async call<T>(
    ask: (backend: Client<paths>) => Promise<{ data?: T }>,
  ): Promise<T> {
    const backend = createClient<paths>({
      baseUrl: await this.discoveryApi.getBaseUrl('well-architected'),
      // The app's fetch is called as Backstage's own clients call it, with a URL and a method.
      fetch: async request => {
        const response = await this.fetchApi.fetch(request.url, {
          method: request.method,
          headers: request.headers,
        });
        if (!response.ok) {
          throw await ResponseError.fromResponse(response);
        }
        return response;
      },
    });
    const { data } = await ask(backend);
    return data as T;
  }

  getPillars: WellArchitectedApi['getPillars'] = () =>
    this.call(backend => backend.GET('/pillars'));

  listRoles: WellArchitectedApi['listRoles'] = async (query = {}) => {
    // An empty filter is no filter.
    const set = Object.fromEntries(
      Object.entries(query).filter(([, v]) => v !== undefined && v !== ''),
    );
    return this.call(backend =>
      backend.GET('/roles', { params: { query: set } }),
    );
  };

  listRoleSummaries: WellArchitectedApi['listRoleSummaries'] = () =>
    this.call(backend => backend.GET('/role-summaries'));

  getRole: WellArchitectedApi['getRole'] = roleId =>
    this.call(backend =>
      backend.GET('/roles/{roleId}', {
        params: { path: { roleId } },
      }),
    );

  getSuggestions: WellArchitectedApi['getSuggestions'] = entityRef =>
    this.call(backend =>
      backend.GET('/suggestions', {
        params: { query: { entityRef } },
      }),
    );

  getRoleGroups: WellArchitectedApi['getRoleGroups'] = roleId =>
    this.call(backend =>
      backend.GET('/roles/{roleId}/groups', {
        params: { path: { roleId } },
      }),
    );

  getGroupRoles: WellArchitectedApi['getGroupRoles'] = groupRef =>
    this.call(backend =>
      backend.GET('/groups/{groupRef}/roles', {
        params: { path: { groupRef } },
      }),
    );

  linkGroup: WellArchitectedApi['linkGroup'] = (roleId, groupRef) =>
    this.call(backend =>
      backend.PUT('/roles/{roleId}/groups/{groupRef}', {
        params: { path: { roleId, groupRef } },
      }),
    );

  unlinkGroup: WellArchitectedApi['unlinkGroup'] = async (roleId, groupRef) => {
    await this.call(backend =>
      backend.DELETE('/roles/{roleId}/groups/{groupRef}', {
        params: { path: { roleId, groupRef } },
      }),
    );
  };
}
