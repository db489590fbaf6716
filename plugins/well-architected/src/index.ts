/**
 * Well-Architected roles for Backstage: the roles page, the reviewers card, the Group roles card and the
 * coverage card for Group and Domain pages, for the legacy
 * frontend system. The new
 * frontend system's plugin is the default export of `./alpha`.
 *
 * @packageDocumentation
 */

export {
  wellArchitectedPlugin,
  WellArchitectedPage,
  EntityWellArchitectedReviewersCard,
  EntityWellArchitectedGroupRolesCard,
  EntityWellArchitectedCoverageCard,
} from './plugin';
export { rootRouteRef, roleRouteRef } from './routes';
export * from './api';
