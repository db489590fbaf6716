import { createApiRef } from '@backstage/core-plugin-api';
import {
  PillarsResponse,
  Role,
  RolesQuery,
  RolesResponse,
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
}

/**
 * Reference to the {@link WellArchitectedApi}.
 *
 * @public
 */
export const wellArchitectedApiRef = createApiRef<WellArchitectedApi>({
  id: 'plugin.well-architected.api',
});
