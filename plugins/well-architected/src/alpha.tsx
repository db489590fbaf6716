import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { Content } from '@backstage/core-components';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import AssignmentIndIcon from '@material-ui/icons/AssignmentInd';
import { WellArchitectedClient, wellArchitectedApiRef } from './api';
import { rootRouteRef } from './routes';

const wellArchitectedApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: wellArchitectedApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new WellArchitectedClient(deps),
    }),
});

const rolesPage = PageBlueprint.make({
  params: {
    path: '/well-architected',
    title: 'Well-Architected',
    icon: <AssignmentIndIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/RolesPage').then(m => (
        <Content>
          <m.RolesContent />
        </Content>
      )),
  },
});

const reviewersCard = EntityCardBlueprint.make({
  name: 'reviewers',
  params: {
    filter: { kind: { $in: ['system', 'component'] } },
    loader: () =>
      import('./components/ReviewersCard').then(m => <m.ReviewersCard />),
  },
});

const groupRolesCard = EntityCardBlueprint.make({
  name: 'group-roles',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/GroupRolesCard').then(m => <m.GroupRolesCard />),
  },
});

const coverageCard = EntityCardBlueprint.make({
  name: 'coverage',
  params: {
    filter: { kind: { $in: ['group', 'domain'] } },
    loader: () =>
      import('./components/CoverageCard').then(m => <m.CoverageCard />),
  },
});

/**
 * The Well-Architected plugin for the new frontend system: the roles page at
 * `/well-architected` with its sidebar item, the reviewers card on System and Component pages,
 * the roles card on Group pages, the coverage card on Group and Domain pages, and the API
 * client.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'well-architected',
  title: 'Well-Architected',
  icon: <AssignmentIndIcon />,
  info: { packageJson: () => import('../package.json') },
  extensions: [
    wellArchitectedApi,
    rolesPage,
    reviewersCard,
    groupRolesCard,
    coverageCard,
  ],
  routes: {
    root: convertLegacyRouteRef(rootRouteRef),
  },
});
