import { Route, Routes, useParams } from 'react-router-dom';
import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { RoleDetail } from '../RoleDetail';
import { RoleExplorer } from '../RoleExplorer';

function RoleDetailRoute() {
  const { roleId } = useParams();
  return <RoleDetail roleId={roleId!} />;
}

/**
 * The content of the roles page: the explorer at its root and a role's detail at
 * `roles/:roleId`. The new frontend system renders it as is; the legacy page wraps it in a
 * header. The page router adapter scopes React Router to the page in the new system and is a
 * pass-through in the legacy one.
 *
 * @public
 */
export function RolesContent() {
  // The class lets browser tests (and operators' styles) find the plugin's part of the page.
  return (
    <div className="well-architected-roles">
      <ReactRouterV6PageRouter>
        <Routes>
          <Route path="/" element={<RoleExplorer />} />
          <Route path="/roles/:roleId" element={<RoleDetailRoute />} />
        </Routes>
      </ReactRouterV6PageRouter>
    </div>
  );
}
