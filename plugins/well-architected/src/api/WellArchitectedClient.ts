import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { paths } from 'backstage-plugin-well-architected-common';
import createClient, { Client } from 'openapi-fetch';
import { WellArchitectedApi } from './WellArchitectedApi';

/** A request's path parameters, as openapi-fetch takes them. */
const path = <T>(parameters: T) => ({ params: { path: parameters } });

/** A request's query parameters, as openapi-fetch takes them. */
const query = <T>(parameters: T) => ({ params: { query: parameters } });

/** The filters that are set: an empty filter is no filter. */
const setFilters = <T extends object>(filters: T) =>
  Object.fromEntries(
    Object.entries(filters).filter(([, v]) => v !== undefined && v !== ''),
  ) as Partial<T>;

/** A request's path parameters and its set query filters, as openapi-fetch takes them. */
const pathAndFilters = <T, F extends object>(parameters: T, filters?: F) => ({
  params: { path: parameters, query: setFilters<Partial<F>>(filters ?? {}) },
});

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
    ask: (api: Client<paths>) => Promise<{ data?: T }>,
  ): Promise<T> {
    const api = createClient<paths>({
      baseUrl: await this.discoveryApi.getBaseUrl('well-architected'),
      // The app's fetch is called as Backstage's own clients call it, with a URL and a method.
      fetch: async request => {
        const response = await this.fetchApi.fetch(request.url, {
          method: request.method,
          headers: request.headers,
          ...(request.body && { body: await request.text() }),
        });
        if (!response.ok) {
          throw await ResponseError.fromResponse(response);
        }
        return response;
      },
    });
    const { data } = await ask(api);
    return data as T;
  }

  getPillars: WellArchitectedApi['getPillars'] = () =>
    this.call(api => api.request('get', '/pillars'));

  listRoles: WellArchitectedApi['listRoles'] = (filters = {}) =>
    this.call(api => api.request('get', '/roles', query(setFilters(filters))));

  listRoleSummaries: WellArchitectedApi['listRoleSummaries'] = () =>
    this.call(api => api.request('get', '/role-summaries'));

  getRole: WellArchitectedApi['getRole'] = roleId =>
    this.call(api => api.request('get', '/roles/{roleId}', path({ roleId })));

  getSuggestions: WellArchitectedApi['getSuggestions'] = entityRef =>
    this.call(api => api.request('get', '/suggestions', query({ entityRef })));

  refreshEvaluation: WellArchitectedApi['refreshEvaluation'] = entityRef =>
    this.call(api =>
      api.request(
        'post',
        '/entities/{entityRef}/evaluation',
        path({ entityRef }),
      ),
    );

  getCoverage: WellArchitectedApi['getCoverage'] = (filters = {}) =>
    this.call(api =>
      api.request('get', '/coverage', query(setFilters(filters))),
    );

  exportCoverage: WellArchitectedApi['exportCoverage'] = (filters = {}) =>
    this.call(api =>
      api.request('get', '/coverage.csv', {
        ...query(setFilters(filters)),
        parseAs: 'text',
      }),
    );

  getCoverageHistory: WellArchitectedApi['getCoverageHistory'] = (
    filters = {},
  ) =>
    this.call(api =>
      api.request('get', '/coverage/history', query(setFilters(filters))),
    );

  getRuleFeedback: WellArchitectedApi['getRuleFeedback'] = () =>
    this.call(api => api.request('get', '/rules'));

  getCoverageRollUps: WellArchitectedApi['getCoverageRollUps'] = filters =>
    this.call(api =>
      api.request(
        'get',
        '/coverage/rollups',
        query({ ...setFilters(filters), by: filters.by }),
      ),
    );

  getCoverageRollUp: WellArchitectedApi['getCoverageRollUp'] = (
    scopeRef,
    filters,
  ) =>
    this.call(api =>
      api.request(
        'get',
        '/coverage/rollups/{scopeRef}',
        pathAndFilters({ scopeRef }, filters),
      ),
    );

  getRoleSystems: WellArchitectedApi['getRoleSystems'] = (roleId, filters) =>
    this.call(api =>
      api.request(
        'get',
        '/roles/{roleId}/systems',
        pathAndFilters({ roleId }, filters),
      ),
    );

  getRoleGroups: WellArchitectedApi['getRoleGroups'] = roleId =>
    this.call(api =>
      api.request('get', '/roles/{roleId}/groups', path({ roleId })),
    );

  getGroupRoles: WellArchitectedApi['getGroupRoles'] = groupRef =>
    this.call(api =>
      api.request('get', '/groups/{groupRef}/roles', path({ groupRef })),
    );

  getGroupMembers: WellArchitectedApi['getGroupMembers'] = groupRef =>
    this.call(api =>
      api.request('get', '/groups/{groupRef}/members', path({ groupRef })),
    );

  linkGroup: WellArchitectedApi['linkGroup'] = (roleId, groupRef) =>
    this.call(api =>
      api.request(
        'put',
        '/roles/{roleId}/groups/{groupRef}',
        path({ roleId, groupRef }),
      ),
    );

  unlinkGroup: WellArchitectedApi['unlinkGroup'] = async (roleId, groupRef) => {
    await this.call(api =>
      api.request(
        'delete',
        '/roles/{roleId}/groups/{groupRef}',
        path({ roleId, groupRef }),
      ),
    );
  };

  decideSuggestion: WellArchitectedApi['decideSuggestion'] = (
    entityRef,
    roleId,
    decision,
  ) =>
    this.call(api =>
      api.request('put', '/entities/{entityRef}/decisions/{roleId}', {
        ...path({ entityRef, roleId }),
        body: decision,
      }),
    );

  undoSuggestionDecision: WellArchitectedApi['undoSuggestionDecision'] = async (
    entityRef,
    roleId,
  ) => {
    await this.call(api =>
      api.request(
        'delete',
        '/entities/{entityRef}/decisions/{roleId}',
        path({ entityRef, roleId }),
      ),
    );
  };
}
