import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { WellArchitectedClient, wellArchitectedApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The Well-Architected plugin for the legacy frontend system.
 *
 * @public
 */
export const wellArchitectedPlugin = createPlugin({
  id: 'well-architected',
  apis: [
    createApiFactory({
      api: wellArchitectedApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new WellArchitectedClient(deps),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The roles page, for a `<Route path="/well-architected" element={<WellArchitectedPage />} />`
 * in a legacy `App.tsx`.
 *
 * @public
 */
export const WellArchitectedPage = wellArchitectedPlugin.provide(
  createRoutableExtension({
    name: 'WellArchitectedPage',
    component: () => import('./components/RolesPage').then(m => m.RolesPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The "Well-Architected reviewers" card for System and Component pages in a legacy
 * `EntityPage.tsx`: the suggested roles by pillar, with their reasons.
 *
 * @public
 */
export const EntityWellArchitectedReviewersCard = wellArchitectedPlugin.provide(
  createComponentExtension({
    name: 'EntityWellArchitectedReviewersCard',
    component: {
      lazy: () =>
        import('./components/ReviewersCard').then(m => m.ReviewersCard),
    },
  }),
);

/**
 * The "Well-Architected roles" card for Group pages in a legacy `EntityPage.tsx`: the roles the
 * group holds, with link and unlink for users allowed to change them.
 *
 * @public
 */
export const EntityWellArchitectedGroupRolesCard =
  wellArchitectedPlugin.provide(
    createComponentExtension({
      name: 'EntityWellArchitectedGroupRolesCard',
      component: {
        lazy: () =>
          import('./components/GroupRolesCard').then(m => m.GroupRolesCard),
      },
    }),
  );

/**
 * The "Well-Architected coverage" card for Group and Domain pages in a legacy `EntityPage.tsx`:
 * the Systems the Group (with the Groups inside it) owns or the Domain holds, their gaps per
 * pillar, the roles most often missing and the trend.
 *
 * @public
 */
export const EntityWellArchitectedCoverageCard = wellArchitectedPlugin.provide(
  createComponentExtension({
    name: 'EntityWellArchitectedCoverageCard',
    component: {
      lazy: () => import('./components/CoverageCard').then(m => m.CoverageCard),
    },
  }),
);
