export { RoleGroups } from './RoleGroups';
export { useCatalogGroups } from './useCatalogGroups';
