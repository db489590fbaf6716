import useAsync from 'react-use/esm/useAsync';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  MenuItem,
  TablePagination,
  TextField,
  createStyles,
  makeStyles,
} from '@material-ui/core';
import { CoverageQuery } from 'backstage-plugin-well-architected-common';

/** The lifecycles a filter offers: those of Backstage's own catalog model. */
const LIFECYCLES = ['production', 'experimental', 'deprecated'];

const useStyles = makeStyles(theme =>
  createStyles({
    filter: { minWidth: 200 },
    filters: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2) },
    // The theme's secondary text on the page's grey background falls short of 4.5:1 contrast.
    label: { color: theme.palette.text.primary },
  }),
);

/** The class of a filter field and of the row of filters, for the views that add their own. */
export const useFilterStyles = useStyles;

/** The Groups or the Domains of the catalog, for a filter's choices, by display name. */
export function useEntityChoices(kind: 'Group' | 'Domain') {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile.displayName',
      ],
    });
    return items
      .map((entity: Entity) => ({
        ref: stringifyEntityRef(entity),
        title:
          (entity.spec?.profile as { displayName?: string } | undefined)
            ?.displayName ??
          entity.metadata.title ??
          entity.metadata.name,
      }))
      .sort((a, b) => a.title.localeCompare(b.title, 'en'));
  }, [catalogApi, kind]);
}

/** One of the values a field offers, with its title. */
export interface Choice<T extends string = string> {
  value: T;
  title: string;
}

/** A select of one filter, with "Any" for no filter. */
export function ChoiceFilter(props: {
  label: string;
  value?: string;
  choices: Choice[];
  onChange: (value: string | undefined) => void;
  /** What makes the field's id unique on the page, when two views show the same filter. */
  idPrefix?: string;
}) {
  const { label, value, choices, onChange, idPrefix = 'coverage' } = props;
  const classes = useStyles();
  return (
    <TextField
      select
      // The id names the menu button by its label, for screen readers.
      id={`${idPrefix}-${label.toLocaleLowerCase('en').replace(/\s+/g, '-')}`}
      className={classes.filter}
      variant="outlined"
      size="small"
      label={label}
      InputLabelProps={{ className: classes.label }}
      value={value ?? ''}
      onChange={event => onChange(event.target.value || undefined)}
    >
      <MenuItem value="">Any</MenuItem>
      {choices.map(choice => (
        <MenuItem key={choice.value} value={choice.value}>
          {choice.title}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** The filters that choose Systems, which the coverage view and a role's page share. */
export type SystemFilters = Pick<
  CoverageQuery,
  'owner' | 'domain' | 'lifecycle' | 'tier'
>;

/**
 * The owner Group, Domain, lifecycle and tier filters. The tiers found in the catalog come with
 * an answer; the chosen one stays a choice while the next answer loads.
 */
export function SystemFilterFields(props: {
  filters: SystemFilters;
  onChange: (changes: Partial<SystemFilters>) => void;
  tiers?: string[];
  idPrefix?: string;
}) {
  const { filters, onChange, idPrefix } = props;
  const groups = useEntityChoices('Group');
  const domains = useEntityChoices('Domain');
  const refChoices = (list?: Array<{ ref: string; title: string }>) =>
    (list ?? []).map(({ ref, title }) => ({ value: ref, title }));
  const valueChoices = (values: string[]) =>
    values.map(value => ({ value, title: value }));
  const tiers = props.tiers ?? (filters.tier ? [filters.tier] : []);
  const fields: Array<{
    key: keyof SystemFilters;
    label: string;
    choices: Choice[];
  }> = [
    { key: 'owner', label: 'Owner', choices: refChoices(groups.value) },
    { key: 'domain', label: 'Domain', choices: refChoices(domains.value) },
    { key: 'lifecycle', label: 'Lifecycle', choices: valueChoices(LIFECYCLES) },
    { key: 'tier', label: 'Tier', choices: valueChoices(tiers) },
  ];
  return (
    <>
      {fields.map(({ key, label, choices }) => (
        <ChoiceFilter
          key={key}
          idPrefix={idPrefix}
          label={label}
          value={filters[key]}
          choices={choices}
          onChange={value => onChange({ [key]: value })}
        />
      ))}
    </>
  );
}

/** The page of a table, as the URL or a view's state holds it. */
export interface TablePage {
  limit: number;
  offset: number;
}

/** The page sizes of the coverage tables. */
export const PAGE_SIZES = [25, 50, 100];

/** The pager below a table of `count` rows, `page` being the one shown. */
export function TablePages(props: {
  count: number;
  page: TablePage;
  onPage: (page: TablePage) => void;
}) {
  const { count, page, onPage } = props;
  return (
    <TablePagination
      component="div"
      count={count}
      page={Math.floor(page.offset / page.limit)}
      rowsPerPage={page.limit}
      rowsPerPageOptions={PAGE_SIZES}
      onPageChange={(_, index) =>
        onPage({ limit: page.limit, offset: index * page.limit })
      }
      onRowsPerPageChange={event =>
        onPage({ limit: Number(event.target.value), offset: 0 })
      }
    />
  );
}
