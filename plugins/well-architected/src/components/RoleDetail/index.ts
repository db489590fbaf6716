export { RoleDetail } from './RoleDetail';
