export { RolesContent } from './RolesContent';
export { RolesPage } from './RolesPage';
