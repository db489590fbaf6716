import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EmptyState } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  Grid,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TextField,
  Typography,
  createStyles,
  makeStyles,
} from '@material-ui/core';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import GetAppIcon from '@material-ui/icons/GetApp';
import ErrorIcon from '@material-ui/icons/Error';
import RemoveIcon from '@material-ui/icons/Remove';
import WarningIcon from '@material-ui/icons/Warning';
import {
  CoverageCell,
  CoverageQuery,
  CoverageResponse,
  CoverageState,
  CoverageTotals,
  Pillar,
  PillarId,
} from 'backstage-plugin-well-architected-common';
import { wellArchitectedApiRef } from '../../api';
import { AsyncContent, nothingFound } from '../AsyncContent';
import { CoverageTrend } from '../CoverageTrend';
import { plural } from '../plural';
import { NoMatch, SearchField, useUrlFilters } from '../urlFilters';

const PAGE_SIZES = [25, 50, 100];
const LIFECYCLES = ['production', 'experimental', 'deprecated'];

/** Each state in words, with an icon, so that no state is told by colour alone. */
const STATES: Record<
  CoverageState,
  { label: string; icon: typeof CheckCircleIcon }
> = {
  covered: { label: 'Covered', icon: CheckCircleIcon },
  partly: { label: 'Partly', icon: WarningIcon },
  gap: { label: 'Gap', icon: ErrorIcon },
  'not-needed': { label: 'Not needed', icon: RemoveIcon },
};

const useStyles = makeStyles(theme =>
  createStyles({
    cell: {
      display: 'inline-flex',
      alignItems: 'center',
      gap: theme.spacing(0.5),
      padding: theme.spacing(0.25, 1),
      borderRadius: theme.shape.borderRadius,
      whiteSpace: 'nowrap',
    },
    covered: {
      backgroundColor: theme.palette.success.light,
      color: theme.palette.success.contrastText,
    },
    partly: {
      backgroundColor: theme.palette.warning.light,
      color: theme.palette.warning.contrastText,
    },
    gap: {
      backgroundColor: theme.palette.error.light,
      color: theme.palette.error.contrastText,
    },
    'not-needed': { color: theme.palette.text.secondary },
    totals: { fontWeight: 'normal', display: 'block' },
    filters: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2) },
    filter: { minWidth: 200 },
  }),
);

/** The filters of the view, as the URL holds them. */
const FILTER_KEYS = [
  'owner',
  'domain',
  'lifecycle',
  'tier',
  'pillar',
  'q',
] as const;

function StateCell(props: { cell: CoverageCell; roleTitle: RoleTitle }) {
  const { cell, roleTitle } = props;
  const classes = useStyles();
  const { label, icon: Icon } = STATES[cell.state];
  const missing = cell.missingRoleIds.map(roleTitle).join(', ');
  const covered = cell.coveredRoleIds.map(roleTitle).join(', ');
  const details = [
    missing && `No reviewer group: ${missing}`,
    covered && `Reviewed: ${covered}`,
  ]
    .filter(Boolean)
    .join('. ');
  return (
    <span
      className={`${classes.cell} ${classes[cell.state]}`}
      title={details || undefined}
    >
      <Icon fontSize="inherit" aria-hidden />
      {label}
      {cell.state === 'partly' &&
        ` (${cell.coveredRoleIds.length} of ${
          cell.coveredRoleIds.length + cell.missingRoleIds.length
        })`}
    </span>
  );
}

type RoleTitle = (roleId: string) => string;

/** A pillar's column header: its title, and its totals over every matching System. */
function PillarHeader(props: { title: string; totals: CoverageTotals }) {
  const { title, totals } = props;
  const classes = useStyles();
  return (
    <TableCell>
      {title}
      <Typography variant="caption" className={classes.totals}>
        {totals.covered} covered, {totals.partly} partly, {totals.gap}{' '}
        {totals.gap === 1 ? 'gap' : 'gaps'}, {totals.notNeeded} not needed
      </Typography>
    </TableCell>
  );
}

function CoverageTable(props: {
  coverage: CoverageResponse;
  pillarTitle: (pillarId: PillarId) => string;
  roleTitle: RoleTitle;
  page: { limit: number; offset: number };
  onPage: (page: { limit: number; offset: number }) => void;
}) {
  const { coverage, pillarTitle, roleTitle, page, onPage } = props;
  return (
    <>
      {/* A pillar a column: in a narrow window the table scrolls on its own, not the page. It can
          take focus, so that the keyboard scrolls it too. */}
      <TableContainer
        tabIndex={0}
        role="region"
        aria-label="Coverage of Systems by pillar, scrollable"
      >
        <Table size="small" aria-label="Coverage of Systems by pillar">
          <TableHead>
            <TableRow>
              <TableCell>System</TableCell>
              <TableCell>Owner</TableCell>
              {coverage.totals.map(totals => (
                <PillarHeader
                  key={totals.pillarId}
                  title={pillarTitle(totals.pillarId)}
                  totals={totals}
                />
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {coverage.items.map(item => (
              <TableRow key={item.entityRef}>
                <TableCell component="th" scope="row">
                  <EntityRefLink entityRef={item.entityRef} title={item.name} />
                </TableCell>
                <TableCell>
                  {item.ownerRef && <EntityRefLink entityRef={item.ownerRef} />}
                </TableCell>
                {item.cells.map(cell => (
                  <TableCell key={cell.pillarId}>
                    <StateCell cell={cell} roleTitle={roleTitle} />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={coverage.totalCount}
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
    </>
  );
}

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

function ChoiceFilter(props: {
  label: string;
  value?: string;
  choices: Array<{ value: string; title: string }>;
  onChange: (value: string | undefined) => void;
}) {
  const { label, value, choices, onChange } = props;
  const classes = useStyles();
  return (
    <TextField
      select
      // The id names the menu button by its label, for screen readers.
      id={`coverage-${label.toLocaleLowerCase('en')}`}
      className={classes.filter}
      variant="outlined"
      size="small"
      label={label}
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

/** Saves `text` as a file the browser downloads. */
function download(text: string, fileName: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/** Downloads the view as filtered and ordered, every matching System, as CSV. */
function ExportButton(props: {
  query: Omit<CoverageQuery, 'limit' | 'offset'>;
}) {
  const api = useApi(wellArchitectedApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  const exportCsv = async () => {
    setBusy(true);
    try {
      download(
        await api.exportCoverage(props.query),
        'well-architected-coverage.csv',
        'text/csv',
      );
    } catch (error) {
      alertApi.post({
        message: `Could not export coverage: ${(error as Error).message}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant="outlined"
      startIcon={<GetAppIcon />}
      disabled={busy}
      onClick={exportCsv}
    >
      {busy ? 'Preparing CSV…' : 'Download CSV'}
    </Button>
  );
}

/**
 * Coverage across the organisation: every System the user may read, by pillar, with whether the
 * roles suggested for it there have reviewer groups; totals per pillar over every matching System;
 * filters by owner Group (with its sub-groups), Domain, lifecycle, tier and pillar, a search, and sorting
 * by gaps. The filters and the page live in the URL, so a view can be shared.
 *
 * @public
 */
export function CoverageView() {
  const api = useApi(wellArchitectedApiRef);
  // Another filter or order shows another list: back to its first page.
  const {
    searchParams,
    update: updateParams,
    text,
    setText,
  } = useUrlFilters({ reset: ['offset'] });
  const filters = Object.fromEntries(
    FILTER_KEYS.map(key => [key, searchParams.get(key) ?? undefined]),
  ) as Pick<CoverageQuery, (typeof FILTER_KEYS)[number]>;
  const sort = searchParams.get('sort') === 'gaps' ? 'gaps' : 'name';
  const limit = Number(searchParams.get('limit')) || PAGE_SIZES[0];
  const offset = Number(searchParams.get('offset')) || 0;

  const groups = useEntityChoices('Group');
  const domains = useEntityChoices('Domain');
  const pillars = useAsync(() => api.getPillars(), [api]);
  const roles = useAsync(() => api.listRoleSummaries(), [api]);
  const coverage = useAsync(
    () => api.getCoverage({ ...filters, sort, limit, offset }),
    [api, searchParams],
  );

  const pillarTitle = (pillarId: PillarId) =>
    pillars.value?.items.find(p => p.id === pillarId)?.title ?? pillarId;
  const roleTitle = (roleId: string) =>
    roles.value?.items.find(r => r.id === roleId)?.title ?? roleId;
  const refChoices = (list?: Array<{ ref: string; title: string }>) =>
    (list ?? []).map(({ ref, title }) => ({ value: ref, title }));
  const filtered = FILTER_KEYS.some(key => filters[key]);
  // The tiers found in the catalog come with the answer; the chosen one stays a choice while the
  // next answer loads.
  const tiers = coverage.value?.tiers ?? (filters.tier ? [filters.tier] : []);

  const clearFilters = () => {
    setText('');
    updateParams(Object.fromEntries(FILTER_KEYS.map(key => [key, undefined])));
  };
  const classes = useStyles();

  return (
    // nowrap: a wrapping column sizes its items to their content, so the filters would not
    // wrap and a narrow window would scroll sideways.
    <Grid container spacing={2} direction="column" wrap="nowrap">
      <Grid item className={classes.filters}>
        <ChoiceFilter
          label="Owner"
          value={filters.owner}
          choices={refChoices(groups.value)}
          onChange={owner => updateParams({ owner })}
        />
        <ChoiceFilter
          label="Domain"
          value={filters.domain}
          choices={refChoices(domains.value)}
          onChange={domain => updateParams({ domain })}
        />
        <ChoiceFilter
          label="Lifecycle"
          value={filters.lifecycle}
          choices={LIFECYCLES.map(value => ({ value, title: value }))}
          onChange={lifecycle => updateParams({ lifecycle })}
        />
        <ChoiceFilter
          label="Tier"
          value={filters.tier}
          choices={tiers.map(value => ({ value, title: value }))}
          onChange={tier => updateParams({ tier })}
        />
        <ChoiceFilter
          label="Pillar"
          value={filters.pillar}
          choices={(pillars.value?.items ?? []).map((p: Pillar) => ({
            value: p.id,
            title: p.title,
          }))}
          onChange={pillar => updateParams({ pillar })}
        />
        <TextField
          select
          id="coverage-order"
          className={classes.filter}
          variant="outlined"
          size="small"
          label="Order"
          value={sort}
          onChange={event =>
            updateParams({
              sort: event.target.value === 'gaps' ? 'gaps' : undefined,
            })
          }
        >
          <MenuItem value="name">By name</MenuItem>
          <MenuItem value="gaps">Most gaps first</MenuItem>
        </TextField>
        <SearchField
          className={classes.filter}
          label="Search Systems"
          text={text}
          setText={setText}
        />
        <ExportButton query={{ ...filters, sort }} />
      </Grid>
      <Grid item>
        <CoverageTrend
          owner={filters.owner}
          domain={filters.domain}
          pillar={filters.pillar}
          pillarTitle={pillarTitle}
        />
      </Grid>
      <Grid item>
        <AsyncContent
          state={coverage}
          isEmpty={nothingFound}
          empty={
            filtered ? (
              <NoMatch
                title="No System matches"
                description="No System you may see matches these filters. Try another owner, Domain, lifecycle, tier or a shorter search."
                onClear={clearFilters}
              />
            ) : (
              <EmptyState
                missing="data"
                title="No System evaluated yet"
                description="Coverage shows the Systems of the catalog once the background evaluation has run. Add Systems to the catalog, or come back after the next evaluation."
              />
            )
          }
        >
          {value => (
            <Box>
              <Typography variant="body2" gutterBottom>
                {plural(value.totalCount, 'System')}
              </Typography>
              <CoverageTable
                coverage={value}
                pillarTitle={pillarTitle}
                roleTitle={roleTitle}
                page={{ limit, offset }}
                onPage={page =>
                  updateParams({
                    limit: String(page.limit),
                    offset: String(page.offset),
                  })
                }
              />
            </Box>
          )}
        </AsyncContent>
      </Grid>
    </Grid>
  );
}
