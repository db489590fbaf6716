import useAsync from 'react-use/esm/useAsync';
import { EmptyState } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  CoverageRollUpsQuery,
  PillarId,
} from 'backstage-plugin-well-architected-common';
import { wellArchitectedApiRef } from '../../api';
import { AsyncContent, nothingFound } from '../AsyncContent';
import { TablePage, TablePages } from '../CoverageFilters';
import { DataTable } from '../DataTable';
import { gapsInWords, MissingRoleLinks } from '../CoverageRollUp';
import { plural } from '../plural';
import { NoMatch } from '../urlFilters';

/**
 * The coverage view's Systems rolled up by owner Group or by Domain, most gaps first: per Group
 * or Domain, its Systems, its gaps per pillar and the roles most often missing. "Show Systems"
 * goes back to the Systems, filtered to that Group or Domain.
 */
export function CoverageRollUps(props: {
  by: 'group' | 'domain';
  filters: Omit<CoverageRollUpsQuery, 'by' | 'sort' | 'limit' | 'offset'>;
  page: TablePage;
  onPage: (page: TablePage) => void;
  onShowSystems: (scopeRef: string) => void;
  onClearFilters: () => void;
  pillarTitle: (pillarId: PillarId) => string;
  roleTitle: (roleId: string) => string;
}) {
  const { by, filters, page, onPage, onShowSystems, pillarTitle, roleTitle } =
    props;
  const api = useApi(wellArchitectedApiRef);
  const { owner, domain, lifecycle, tier, pillar } = filters;
  const rollUps = useAsync(
    () =>
      api.getCoverageRollUps({
        by,
        owner,
        domain,
        lifecycle,
        tier,
        pillar,
        ...page,
      }),
    [api, by, owner, domain, lifecycle, tier, pillar, page.limit, page.offset],
  );
  const scopeName = by === 'group' ? 'Owner Group' : 'Domain';
  const filtered = Boolean(owner || domain || lifecycle || tier || pillar);

  return (
    <AsyncContent
      state={rollUps}
      isEmpty={nothingFound}
      empty={
        filtered ? (
          <NoMatch
            title={`No ${scopeName} matches`}
            description={`No System you may see matches these filters, so no ${scopeName} has any to count. Try another owner, Domain, lifecycle or tier.`}
            onClear={props.onClearFilters}
          />
        ) : (
          <EmptyState
            missing="data"
            title={`No ${scopeName} to count`}
            description={`Roll-ups count the evaluated Systems of each ${scopeName} you may see. Give Systems an ${
              by === 'group' ? 'owner' : 'domain'
            } in the catalog, or come back after the next evaluation.`}
          />
        )
      }
    >
      {value => (
        <Box>
          <Typography variant="body2" gutterBottom>
            {plural(
              value.totalCount,
              by === 'group' ? 'owner Group' : 'Domain',
            )}
            , most gaps first. A Group counts the Systems of the Groups inside
            it.
          </Typography>
          <DataTable
            label={`Coverage by ${by === 'group' ? 'owner Group' : 'Domain'}`}
            head={
              <>
                <TableCell>{scopeName}</TableCell>
                <TableCell>Systems</TableCell>
                {value.pillarIds.map(pillarId => (
                  <TableCell key={pillarId}>{pillarTitle(pillarId)}</TableCell>
                ))}
                <TableCell>Roles most often missing</TableCell>
              </>
            }
          >
            {value.items.map(rollUp => (
              <TableRow key={rollUp.scopeRef}>
                <TableCell component="th" scope="row">
                  <EntityRefLink entityRef={rollUp.scopeRef} />
                </TableCell>
                <TableCell>
                  <Button
                    size="small"
                    onClick={() => onShowSystems(rollUp.scopeRef)}
                    aria-label={`Show the ${plural(
                      rollUp.systemCount,
                      'System',
                    )} of ${rollUp.scopeRef}`}
                  >
                    {plural(rollUp.systemCount, 'System')}
                  </Button>
                </TableCell>
                {rollUp.totals.map(totals => (
                  <TableCell key={totals.pillarId}>
                    {gapsInWords(totals)}
                  </TableCell>
                ))}
                <TableCell>
                  <MissingRoleLinks
                    missingRoles={rollUp.missingRoles}
                    roleTitle={roleTitle}
                  />
                </TableCell>
              </TableRow>
            ))}
          </DataTable>
          <TablePages count={value.totalCount} page={page} onPage={onPage} />
        </Box>
      )}
    </AsyncContent>
  );
}
