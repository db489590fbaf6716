import { createApiRef } from '@backstage/core-plugin-api';
import {
  PillarsResponse,
  Role,
  RolesQuery,
  RolesResponse,
  SuggestionsResponse,
} from 'backstage-plugin-well-architected-common';

/**
 * Client of the Well-Architected backend.
 *
 * @public
 */
export interface WellArchitectedApi {
  getPillars(): Promise<PillarsResponse>;
  listRoles(query?: RolesQuery): Promise<RolesResponse>;
  getRole(roleId: string): Promise<Role>;
  /** The roles suggested to review a System or Component, with their reasons. */
  getSuggestions(entityRef: string): Promise<SuggestionsResponse>;
}

/**
 * Reference to the {@link WellArchitectedApi}.
 *
 * @public
 */
export const wellArchitectedApiRef = createApiRef<WellArchitectedApi>({
  id: 'plugin.well-architected.api',
});
