import { memo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { EmptyState } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  Grid,
  MenuItem,
  TableCell,
  TableContainer,
  TableRow,
  TextField,
  Typography,
  createStyles,
  makeStyles,
} from '@material-ui/core';
import { ToggleButton, ToggleButtonGroup } from '@material-ui/lab';
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
import { useAlertedAction } from '../useAlertedAction';
import {
  ChoiceFilter,
  PAGE_SIZES,
  SystemFilterFields,
  TablePage,
  TablePages,
  useFilterStyles,
} from '../CoverageFilters';
import { useTitles } from '../CoverageRollUp';
import { CoverageTrend } from '../CoverageTrend';
import { DataTable, SystemCells } from '../DataTable';
import { CoverageRollUps } from './CoverageRollUps';
import { plural } from '../plural';
import { NoMatch, SearchField, useUrlFilters } from '../urlFilters';

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
  }),
);

/** The trend, drawn again only when its filters or the pillars' titles change. */
const Trend = memo(CoverageTrend);

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
  page: TablePage;
  onPage: (page: TablePage) => void;
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
        <DataTable
          label="Coverage of Systems by pillar"
          head={
            <>
              <TableCell>System</TableCell>
              <TableCell>Owner</TableCell>
              {coverage.totals.map(totals => (
                <PillarHeader
                  key={totals.pillarId}
                  title={pillarTitle(totals.pillarId)}
                  totals={totals}
                />
              ))}
            </>
          }
        >
          {coverage.items.map(item => (
            <TableRow key={item.entityRef}>
              <SystemCells system={item} />
              {item.cells.map(cell => (
                <TableCell key={cell.pillarId}>
                  <StateCell cell={cell} roleTitle={roleTitle} />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </DataTable>
      </TableContainer>
      <TablePages count={coverage.totalCount} page={page} onPage={onPage} />
    </>
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
  const { busy, run } = useAlertedAction('Could not export coverage');
  const exportCsv = () =>
    run(async () =>
      download(
        await api.exportCoverage(props.query),
        'well-architected-coverage.csv',
        'text/csv',
      ),
    );
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

/** What the view shows: a row per System, or a roll-up per owner Group or per Domain. */
const SHOWN = [
  { value: 'systems', label: 'Systems' },
  { value: 'group', label: 'By owner Group' },
  { value: 'domain', label: 'By Domain' },
] as const;

/**
 * Coverage across the organisation: every System the user may read, by pillar, with whether the
 * roles suggested for it there have reviewer groups; totals per pillar over every matching System;
 * filters by owner Group (with its sub-groups), Domain, lifecycle, tier and pillar, a search, and
 * sorting by gaps; or the same Systems rolled up by owner Group or by Domain. The filters, what is
 * shown and the page live in the URL, so a view can be shared.
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
  const shown =
    SHOWN.find(s => s.value === searchParams.get('show'))?.value ?? 'systems';
  const sort = searchParams.get('sort') === 'gaps' ? 'gaps' : 'name';
  const limit = Number(searchParams.get('limit')) || PAGE_SIZES[0];
  const offset = Number(searchParams.get('offset')) || 0;

  const { pillars, pillarTitle, roleTitle } = useTitles();
  const coverage = useAsync(
    () => api.getCoverage({ ...filters, sort, limit, offset }),
    [api, searchParams],
  );

  const filtered = FILTER_KEYS.some(key => filters[key]);
  const onPage = (page: TablePage) =>
    updateParams({ limit: String(page.limit), offset: String(page.offset) });

  const clearFilters = () => {
    setText('');
    updateParams(Object.fromEntries(FILTER_KEYS.map(key => [key, undefined])));
  };
  const classes = useFilterStyles();

  return (
    // nowrap: a wrapping column sizes its items to their content, so the filters would not
    // wrap and a narrow window would scroll sideways.
    <Grid container spacing={2} direction="column" wrap="nowrap">
      <Grid item>
        <ToggleButtonGroup
          exclusive
          size="small"
          aria-label="Show"
          value={shown}
          onChange={(_, value) =>
            value &&
            updateParams({ show: value === 'systems' ? undefined : value })
          }
        >
          {SHOWN.map(({ value, label }) => (
            <ToggleButton key={value} value={value}>
              {label}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Grid>
      <Grid item className={classes.filters}>
        <SystemFilterFields
          filters={filters}
          onChange={updateParams}
          tiers={coverage.value?.tiers}
        />
        <ChoiceFilter
          label="Pillar"
          value={filters.pillar}
          choices={pillars.map((p: Pillar) => ({
            value: p.id,
            title: p.title,
          }))}
          onChange={pillar => updateParams({ pillar })}
        />
        {shown === 'systems' && (
          <>
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
          </>
        )}
      </Grid>
      <Grid item>
        <Trend
          owner={filters.owner}
          domain={filters.domain}
          pillar={filters.pillar}
          pillarTitle={pillarTitle}
        />
      </Grid>
      <Grid item>
        {shown === 'systems' ? (
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
                  onPage={onPage}
                />
              </Box>
            )}
          </AsyncContent>
        ) : (
          <CoverageRollUps
            by={shown}
            filters={filters}
            page={{ limit, offset }}
            onPage={onPage}
            onClearFilters={clearFilters}
            onShowSystems={scope =>
              updateParams({
                show: undefined,
                [shown === 'group' ? 'owner' : 'domain']: scope,
              })
            }
            pillarTitle={pillarTitle}
            roleTitle={roleTitle}
          />
        )}
      </Grid>
    </Grid>
  );
}
