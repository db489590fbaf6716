import { useLocation } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { InfoCard, Link, WarningPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { Box, Chip, Grid, List, Typography } from '@material-ui/core';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import { Pillar, Role } from 'backstage-plugin-well-architected-common';
import { wellArchitectedApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { AsyncContent } from '../AsyncContent';
import { ResponsibilityItem } from '../ResponsibilityItem';
import { RoleGroups } from '../RoleGroups';
import { RoleSystems } from './RoleSystems';

function ResponsibilitiesByPillar(props: { role: Role; pillars: Pillar[] }) {
  const { role, pillars } = props;
  return (
    <Grid container spacing={2}>
      {pillars
        .filter(pillar => role.pillarIds.includes(pillar.id))
        .map(pillar => (
          <Grid item xs={12} md={6} key={pillar.id}>
            <InfoCard title={pillar.title}>
              <List dense disablePadding>
                {role.responsibilities
                  .filter(r => r.pillarId === pillar.id)
                  .map(r => (
                    <ResponsibilityItem
                      key={r.id}
                      responsibility={r}
                      category={
                        pillar.categories.find(c => c.id === r.categoryId)
                          ?.title
                      }
                    />
                  ))}
              </List>
            </InfoCard>
          </Grid>
        ))}
    </Grid>
  );
}

function RoleContent(props: { role: Role; pillars: Pillar[] }) {
  const { role, pillars } = props;
  return (
    <>
      <Typography variant="h4" component="h2" gutterBottom>
        {role.title}
      </Typography>
      {role.aliases.length > 0 && (
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          gridGap={6}
          mb={2}
        >
          <Typography variant="body2">Also known as</Typography>
          {role.aliases.map(alias => (
            <Chip key={alias} size="small" variant="outlined" label={alias} />
          ))}
        </Box>
      )}
      <Typography variant="body1" paragraph>
        {role.responsibilities.length} responsibilit
        {role.responsibilities.length === 1 ? 'y' : 'ies'} in{' '}
        {role.pillarIds.length} pillar{role.pillarIds.length === 1 ? '' : 's'}.
      </Typography>
      <Box mb={2}>
        <RoleGroups roleId={role.id} />
      </Box>
      <RoleSystems roleId={role.id} roleTitle={role.title} />
      <ResponsibilitiesByPillar role={role} pillars={pillars} />
    </>
  );
}

/**
 * One role with the groups that hold it, the Systems it is suggested for (with their reviewer
 * group or a gap) and every responsibility it holds across the pillars, grouped by pillar and
 * category.
 *
 * @public
 */
export function RoleDetail(props: { roleId: string }) {
  const { roleId } = props;
  const api = useApi(wellArchitectedApiRef);
  const rolesLink = useRouteRef(rootRouteRef);
  // Back to the list as it was filtered when the role was opened from it.
  const state = useLocation().state as { rolesSearch?: string } | null;
  const rolesSearch = state?.rolesSearch ?? '';
  const loaded = useAsync(
    async () => Promise.all([api.getRole(roleId), api.getPillars()]),
    [api, roleId],
  );

  return (
    <>
      <Box mb={2}>
        <Link to={`${rolesLink()}${rolesSearch}`}>
          <Box display="inline-flex" alignItems="center">
            <ArrowBackIcon fontSize="small" /> All roles
          </Box>
        </Link>
      </Box>
      <AsyncContent
        state={loaded}
        notFound={
          <WarningPanel
            title="Role not found"
            message={`There is no Well-Architected role with id '${roleId}'. It may have been renamed in a newer dataset.`}
          />
        }
      >
        {([role, pillars]) => (
          <RoleContent role={role} pillars={pillars.items} />
        )}
      </AsyncContent>
    </>
  );
}
