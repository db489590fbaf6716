import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  PillarsResponse,
  Role,
  RolesQuery,
  RolesResponse,
  SuggestionsResponse,
  GroupRolesResponse,
  RoleGroupsResponse,
  RoleHolder,
} from 'backstage-plugin-well-architected-common';
import { WellArchitectedApi } from './WellArchitectedApi';

function linkPath(roleId: string, groupRef: string) {
  return `/roles/${encodeURIComponent(roleId)}/groups/${encodeURIComponent(
    groupRef,
  )}`;
}

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

  getRoleGroups(roleId: string): Promise<RoleGroupsResponse> {
    return this.get(`/roles/${encodeURIComponent(roleId)}/groups`);
  }

  getGroupRoles(groupRef: string): Promise<GroupRolesResponse> {
    return this.get(`/groups/${encodeURIComponent(groupRef)}/roles`);
  }

  linkGroup(roleId: string, groupRef: string): Promise<RoleHolder> {
    return this.request('PUT', linkPath(roleId, groupRef));
  }

  async unlinkGroup(roleId: string, groupRef: string): Promise<void> {
    await this.request('DELETE', linkPath(roleId, groupRef));
  }

  private get<T>(path: string): Promise<T> {
    return this.request('GET', path);
  }

  private async request<T>(method: string, path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('well-architected');
    const url = `${baseUrl}${path}`;
    const response = await (method === 'GET'
      ? this.fetchApi.fetch(url)
      : this.fetchApi.fetch(url, { method }));
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
}
