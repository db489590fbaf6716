import { ReactNode } from 'react';
import { Link as RouterLink, Route, Routes, useParams } from 'react-router-dom';
import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { useRouteRef } from '@backstage/core-plugin-api';
import { Box, Tab, Tabs } from '@material-ui/core';
import { coverageRouteRef, rootRouteRef, rulesRouteRef } from '../../routes';
import { CoverageView } from '../CoverageView';
import { RoleDetail } from '../RoleDetail';
import { RoleExplorer } from '../RoleExplorer';
import { RuleFeedbackView } from '../RuleFeedbackView';

function RoleDetailRoute() {
  const { roleId } = useParams();
  return <RoleDetail roleId={roleId!} />;
}

/**
 * The tabs of the page, roles (with a role's detail), coverage and rules, above the content of the tab
 * that the route chose.
 */
function Tabbed(props: {
  tab: 'roles' | 'coverage' | 'rules';
  children: ReactNode;
}) {
  const rootLink = useRouteRef(rootRouteRef)();
  const coverageLink = useRouteRef(coverageRouteRef)();
  const rulesLink = useRouteRef(rulesRouteRef)();
  return (
    <>
      <Box mb={2}>
        <Tabs value={props.tab} indicatorColor="primary">
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
          <Tab
            value="rules"
            label="Rules"
            component={RouterLink}
            to={rulesLink}
          />
        </Tabs>
      </Box>
      {props.children}
    </>
  );
}

/**
 * The content of the roles page: tabs for the roles (the explorer at its root and a role's
 * detail at `roles/:roleId`), for coverage (`coverage`) and for the rules' feedback (`rules`). The new frontend system renders it as
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
        <Routes>
          <Route
            path="/"
            element={
              <Tabbed tab="roles">
                <RoleExplorer />
              </Tabbed>
            }
          />
          <Route
            path="/roles/:roleId"
            element={
              <Tabbed tab="roles">
                <RoleDetailRoute />
              </Tabbed>
            }
          />
          <Route
            path="/coverage"
            element={
              <Tabbed tab="coverage">
                <CoverageView />
              </Tabbed>
            }
          />
          <Route
            path="/rules"
            element={
              <Tabbed tab="rules">
                <RuleFeedbackView />
              </Tabbed>
            }
          />
        </Routes>
      </ReactRouterV6PageRouter>
    </div>
  );
}
