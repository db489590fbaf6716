import { Route, Routes, useParams } from 'react-router-dom';
import { RoleDetail } from '../RoleDetail';
import { RoleExplorer } from '../RoleExplorer';

function RoleDetailRoute() {
  const { roleId } = useParams();
  return <RoleDetail roleId={roleId!} />;
}

/**
 * The content of the roles page: the explorer at its root and a role's detail at
 * `roles/:roleId`. The new frontend system renders it as is; the legacy page wraps it.
 *
 * @public
 */
export function RolesContent() {
  return (
    <Routes>
      <Route path="/" element={<RoleExplorer />} />
      <Route path="/roles/:roleId" element={<RoleDetailRoute />} />
    </Routes>
  );
}
