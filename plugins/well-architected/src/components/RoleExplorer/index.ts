export { RoleExplorer } from './RoleExplorer';
