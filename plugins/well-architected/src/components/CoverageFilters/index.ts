export {
  ChoiceFilter,
  PAGE_SIZES,
  TablePages,
  SystemFilterFields,
  useEntityChoices,
  useFilterStyles,
} from './CoverageFilters';
export type { Choice, SystemFilters, TablePage } from './CoverageFilters';
