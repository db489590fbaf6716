export { RoleGroups } from './RoleGroups';
