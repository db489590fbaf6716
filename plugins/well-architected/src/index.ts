/**
 * Well-Architected roles for Backstage: the roles page, the reviewers card and the Group roles card, for the legacy
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
} from './plugin';
export { rootRouteRef, roleRouteRef } from './routes';
export * from './api';
