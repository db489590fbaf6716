export { useUrlFilters } from './useUrlFilters';
export { NoMatch, SearchField } from './FilterParts';
