export {
  ChoiceFilter,
  PAGE_SIZES,
  TablePages,
  SystemFilterFields,
  useEntityChoices,
  useFilterStyles,
} from './CoverageFilters';
export type { SystemFilters, TablePage } from './CoverageFilters';
