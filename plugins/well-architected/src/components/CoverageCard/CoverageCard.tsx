import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EmptyState, InfoCard } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import { wellArchitectedApiRef } from '../../api';
import { coverageRouteRef } from '../../routes';
import { AsyncContent } from '../AsyncContent';
import { gapsInWords, MissingRoleLinks, useTitles } from '../CoverageRollUp';
import { CoverageTrend } from '../CoverageTrend';
import { plural } from '../plural';

/**
 * "Coverage of what this team owns" on a Group's page, or of a Domain's Systems on a Domain's:
 * how many Systems (a Group's with those of the Groups inside it), the gaps per pillar, the roles
 * most often missing and the trend, with a link to the coverage view filtered to them. Counts only
 * the Systems the signed-in user may read.
 *
 * @public
 */
export function CoverageCard() {
  const { entity } = useEntity();
  const scopeRef = stringifyEntityRef(entity);
  const isGroup = entity.kind.toLocaleLowerCase('en') === 'group';
  const api = useApi(wellArchitectedApiRef);
  const coverageLink = useRouteRef(coverageRouteRef);
  const rollUp = useAsync(
    () => api.getCoverageRollUp(scopeRef),
    [api, scopeRef],
  );
  const { pillarTitle, roleTitle } = useTitles();
  const filter = new URLSearchParams({
    [isGroup ? 'owner' : 'domain']: scopeRef,
    sort: 'gaps',
  });

  return (
    <InfoCard
      title="Well-Architected coverage"
      subheader={
        isGroup
          ? 'The Systems this team and the teams inside it own'
          : "This Domain's Systems"
      }
      deepLink={{
        title: 'Open in the coverage view',
        link: `${coverageLink()}?${filter}`,
      }}
    >
      <AsyncContent
        state={rollUp}
        isEmpty={value => value.rollUp.systemCount === 0}
        empty={
          <EmptyState
            missing="data"
            title="No System to count"
            description={
              isGroup
                ? 'This team and the teams inside it own no System that you may see, or none has been evaluated yet. Coverage counts the Systems whose owner is one of them.'
                : 'This Domain has no System that you may see, or none has been evaluated yet.'
            }
          />
        }
      >
        {({ rollUp: value }) => (
          <>
            <Typography variant="body1" gutterBottom>
              {plural(value.systemCount, 'System')}
            </Typography>
            <Table size="small" aria-label="Gaps per pillar">
              <TableBody>
                {value.totals.map(totals => (
                  <TableRow key={totals.pillarId}>
                    <TableCell component="th" scope="row">
                      {pillarTitle(totals.pillarId)}
                    </TableCell>
                    <TableCell>{gapsInWords(totals)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Box mt={2} mb={2}>
              <Typography variant="subtitle2">
                Roles most often missing
              </Typography>
              <MissingRoleLinks
                missingRoles={value.missingRoles}
                roleTitle={roleTitle}
              />
            </Box>
            <CoverageTrend
              {...(isGroup ? { owner: scopeRef } : { domain: scopeRef })}
              pillarTitle={pillarTitle}
            />
          </>
        )}
      </AsyncContent>
    </InfoCard>
  );
}
