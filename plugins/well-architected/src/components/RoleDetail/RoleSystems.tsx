import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Chip, TableCell, TableRow, Typography } from '@material-ui/core';
import ErrorIcon from '@material-ui/icons/Error';
import {
  RoleSystemState,
  RoleSystemsQuery,
} from 'backstage-plugin-well-architected-common';
import { wellArchitectedApiRef } from '../../api';
import { AsyncContent, nothingFound } from '../AsyncContent';
import {
  Choice,
  ChoiceFilter,
  PAGE_SIZES,
  SystemFilterFields,
  SystemFilters,
  TablePage,
  TablePages,
  useFilterStyles,
} from '../CoverageFilters';
import { useTitles } from '../CoverageRollUp';
import { DataTable, SystemCells } from '../DataTable';
import { plural } from '../plural';
import { NoMatch } from '../urlFilters';

const STATES: Choice<RoleSystemState>[] = [
  { value: 'gap', title: 'No reviewer group' },
  { value: 'covered', title: 'With a reviewer group' },
];

type Filters = SystemFilters & Pick<RoleSystemsQuery, 'state'>;

/**
 * Where a role is needed: the Systems the signed-in user may read for which it is suggested,
 * gaps first, each with its reviewer group or "Gap", filtered by owner Group, Domain, lifecycle,
 * tier and whether a group reviews it. Those who hold the role see their workload; a manager
 * sees where to staff it.
 */
export function RoleSystems(props: { roleId: string; roleTitle: string }) {
  const { roleId, roleTitle } = props;
  const api = useApi(wellArchitectedApiRef);
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState<TablePage>({
    limit: PAGE_SIZES[0],
    offset: 0,
  });
  const systems = useAsync(
    () => api.getRoleSystems(roleId, { ...filters, ...page }),
    [api, roleId, filters, page],
  );
  const { pillarTitle } = useTitles();
  const classes = useFilterStyles();
  const filter = (changes: Partial<Filters>) => {
    setFilters(current => ({ ...current, ...changes }));
    setPage(current => ({ ...current, offset: 0 }));
  };
  const filtered = Object.values(filters).some(Boolean);

  return (
    <Box mb={2}>
      <Typography variant="h5" component="h3" gutterBottom>
        Where this role is needed
      </Typography>
      <Box className={classes.filters} mb={2}>
        <SystemFilterFields
          idPrefix="role-systems"
          filters={filters}
          onChange={filter}
        />
        <ChoiceFilter
          idPrefix="role-systems"
          label="Reviewer group"
          value={filters.state}
          choices={STATES}
          onChange={state => filter({ state: state as RoleSystemState })}
        />
      </Box>
      <AsyncContent
        state={systems}
        isEmpty={nothingFound}
        empty={
          filtered ? (
            <NoMatch
              title="No System matches"
              description={`The ${roleTitle} role is suggested for no System you may see that matches these filters.`}
              onClear={() =>
                filter({
                  owner: undefined,
                  domain: undefined,
                  lifecycle: undefined,
                  tier: undefined,
                  state: undefined,
                })
              }
            />
          ) : (
            <Typography variant="body2" color="textSecondary">
              Not suggested for any System you may see. The background
              evaluation suggests the {roleTitle} role where the catalog shows
              what the role reviews.
            </Typography>
          )
        }
      >
        {value => (
          <>
            <Typography variant="body2" gutterBottom>
              {plural(value.covered + value.gap, 'System')}: {value.covered}{' '}
              with a reviewer group, {plural(value.gap, 'gap')}
            </Typography>
            <DataTable
              label={`Systems that need ${roleTitle}`}
              head={
                <>
                  <TableCell>System</TableCell>
                  <TableCell>Owner</TableCell>
                  <TableCell>Pillars</TableCell>
                  <TableCell>Reviewer group</TableCell>
                </>
              }
            >
              {value.items.map(item => (
                <TableRow key={item.entityRef}>
                  <SystemCells system={item} />
                  <TableCell>
                    {item.pillarIds.map(pillarTitle).join(', ')}
                  </TableCell>
                  <TableCell>
                    {item.state === 'gap' && (
                      <Chip
                        size="small"
                        icon={<ErrorIcon />}
                        label="Gap"
                        color="secondary"
                      />
                    )}
                    {item.reviewerGroupRef && (
                      <EntityRefLink entityRef={item.reviewerGroupRef} />
                    )}
                    {item.state === 'covered' &&
                      !item.reviewerGroupRef &&
                      'Accepted with a group you may not see'}
                    {item.accepted && item.reviewerGroupRef && (
                      <Typography variant="caption" color="textSecondary">
                        {' '}
                        (accepted by the owners)
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </DataTable>
            <TablePages count={value.totalCount} page={page} onPage={setPage} />
          </>
        )}
      </AsyncContent>
    </Box>
  );
}
