import {
  Link as RouterLink,
  Route,
  Routes,
  useLocation,
  useParams,
} from 'react-router-dom';
import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { useRouteRef } from '@backstage/core-plugin-api';
import { Box, Tab, Tabs } from '@material-ui/core';
import { coverageRouteRef, rootRouteRef } from '../../routes';
import { CoverageView } from '../CoverageView';
import { RoleDetail } from '../RoleDetail';
import { RoleExplorer } from '../RoleExplorer';

function RoleDetailRoute() {
  const { roleId } = useParams();
  return <RoleDetail roleId={roleId!} />;
}

/** The tabs of the page: the roles (with a role's detail) and coverage. */
function PageTabs() {
  const rootLink = useRouteRef(rootRouteRef)();
  const coverageLink = useRouteRef(coverageRouteRef)();
  const onCoverage = useLocation().pathname.startsWith(coverageLink);
  return (
    <Box mb={2}>
      <Tabs value={onCoverage ? 'coverage' : 'roles'} indicatorColor="primary">
        <Tab
          value="roles"
          label="Roles"
          component={RouterLink}
          to={rootLink}
        />
        <Tab
          value="coverage"
          label="Coverage"
          component={RouterLink}
          to={coverageLink}
        />
      </Tabs>
    </Box>
  );
}

/**
 * The content of the roles page: tabs for the roles (the explorer at its root and a role's
 * detail at `roles/:roleId`) and for coverage (`coverage`). The new frontend system renders it as
 * is; the legacy page wraps it in a header. The page router adapter scopes React Router to the
 * page in the new system and is a pass-through in the legacy one.
 *
 * @public
 */
export function RolesContent() {
  // The class lets browser tests (and operators' styles) find the plugin's part of the page.
  return (
    <div className="well-architected-roles">
      <ReactRouterV6PageRouter>
        <PageTabs />
        <Routes>
          <Route path="/" element={<RoleExplorer />} />
          <Route path="/roles/:roleId" element={<RoleDetailRoute />} />
          <Route path="/coverage" element={<CoverageView />} />
        </Routes>
      </ReactRouterV6PageRouter>
    </div>
  );
}
