import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  PillarsResponse,
  Role,
  RolesQuery,
  RolesResponse,
  SuggestionsResponse,
} from 'backstage-plugin-well-architected-common';
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

  getPillars(): Promise<PillarsResponse> {
    return this.get('/pillars');
  }

  listRoles(query: RolesQuery = {}): Promise<RolesResponse> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') {
        params.set(key, String(value));
      }
    }
    const search = params.toString();
    return this.get(`/roles${search ? `?${search}` : ''}`);
  }

  getRole(roleId: string): Promise<Role> {
    return this.get(`/roles/${encodeURIComponent(roleId)}`);
  }

  getSuggestions(entityRef: string): Promise<SuggestionsResponse> {
    return this.get(
      `/suggestions?${new URLSearchParams({ entityRef }).toString()}`,
    );
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('well-architected');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
