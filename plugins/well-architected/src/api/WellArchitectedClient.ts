import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  PillarsResponse,
  Role,
  RolesQuery,
  RolesResponse,
  RoleSummariesResponse,
  SuggestionsResponse,
  GroupMembersResponse,
  GroupRolesResponse,
  RoleGroupsResponse,
  RoleHolder,
  paths,
} from 'backstage-plugin-well-architected-common';
import createClient from 'openapi-fetch';
import { WellArchitectedApi } from './WellArchitectedApi';

/** The body of a successful answer; error answers were thrown as ResponseErrors before. */
function body<T>({ data }: { data?: T }): T {
  return data as T;
}

/**
 * {@link WellArchitectedApi} over HTTP, through the app's discovery and fetch APIs.
 *
 * @public
 */
export class WellArchitectedClient implements WellArchitectedApi {
  private readonly discoveryApi: DiscoveryApi;
  /** Paths, parameters and answers typed from the backend's OpenAPI document. */
  private readonly client: ReturnType<typeof createClient<paths>>;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.client = createClient<paths>({
      // The app's fetch is called as Backstage's own clients call it, with a URL and a method.
      fetch: async request => {
        const response = await options.fetchApi.fetch(request.url, {
          method: request.method,
          headers: request.headers,
        });
        if (!response.ok) {
          throw await ResponseError.fromResponse(response);
        }
        return response;
      },
    });
  }

  private async baseUrl() {
    return this.discoveryApi.getBaseUrl('well-architected');
  }

  async getPillars(): Promise<PillarsResponse> {
    return body(
      await this.client.request('get', '/pillars', {
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  async listRoles(query: RolesQuery = {}): Promise<RolesResponse> {
    // An empty filter is no filter.
    const set = Object.fromEntries(
      Object.entries(query).filter(([, v]) => v !== undefined && v !== ''),
    );
    return body(
      await this.client.request('get', '/roles', {
        baseUrl: await this.baseUrl(),
        params: { query: set },
      }),
    );
  }

  async listRoleSummaries(): Promise<RoleSummariesResponse> {
    return body(
      await this.client.request('get', '/role-summaries', {
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  async getRole(roleId: string): Promise<Role> {
    return body(
      await this.client.request('get', '/roles/{roleId}', {
        baseUrl: await this.baseUrl(),
        params: { path: { roleId } },
      }),
    );
  }

  async getSuggestions(entityRef: string): Promise<SuggestionsResponse> {
    return body(
      await this.client.request('get', '/suggestions', {
        baseUrl: await this.baseUrl(),
        params: { query: { entityRef } },
      }),
    );
  }

  async getRoleGroups(roleId: string): Promise<RoleGroupsResponse> {
    return body(
      await this.client.request('get', '/roles/{roleId}/groups', {
        baseUrl: await this.baseUrl(),
        params: { path: { roleId } },
      }),
    );
  }

  async getGroupRoles(groupRef: string): Promise<GroupRolesResponse> {
    return body(
      await this.client.request('get', '/groups/{groupRef}/roles', {
        baseUrl: await this.baseUrl(),
        params: { path: { groupRef } },
      }),
    );
  }

  async getGroupMembers(groupRef: string): Promise<GroupMembersResponse> {
    return body(
      await this.client.request('get', '/groups/{groupRef}/members', {
        baseUrl: await this.baseUrl(),
        params: { path: { groupRef } },
      }),
    );
  }

  async linkGroup(roleId: string, groupRef: string): Promise<RoleHolder> {
    return body(
      await this.client.request('put', '/roles/{roleId}/groups/{groupRef}', {
        baseUrl: await this.baseUrl(),
        params: { path: { roleId, groupRef } },
      }),
    );
  }

  async unlinkGroup(roleId: string, groupRef: string): Promise<void> {
    await this.client.request('delete', '/roles/{roleId}/groups/{groupRef}', {
      baseUrl: await this.baseUrl(),
      params: { path: { roleId, groupRef } },
    });
  }
}
