export { GroupRolesCard } from './GroupRolesCard';
