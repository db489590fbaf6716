import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  Chip,
  Grid,
  InputAdornment,
  List,
  ListItem,
  ListItemText,
  TextField,
  Typography,
} from '@material-ui/core';
import CheckIcon from '@material-ui/icons/Check';
import SearchIcon from '@material-ui/icons/Search';
import {
  Pillar,
  Role,
  Responsibility,
} from 'backstage-plugin-well-architected-common';
import { wellArchitectedApiRef } from '../../api';
import { roleRouteRef } from '../../routes';
import { FlagChips } from '../FlagChips';

/** Page size that holds the whole catalogue; the list is grouped client-side by category. */
const ALL_ROLES = 500;

interface CategoryGroup {
  id: string;
  pillarTitle: string;
  title: string;
  entries: Array<{ role: Role; responsibility: Responsibility }>;
}

/** Groups the matching responsibilities by category, in the catalogue's pillar and category order. */
function groupByCategory(pillars: Pillar[], roles: Role[]): CategoryGroup[] {
  const groups = new Map<string, CategoryGroup>();
  for (const pillar of pillars) {
    for (const category of pillar.categories) {
      groups.set(category.id, {
        id: category.id,
        pillarTitle: pillar.title,
        title: category.title,
        entries: [],
      });
    }
  }
  for (const role of roles) {
    for (const responsibility of role.responsibilities) {
      groups
        .get(responsibility.categoryId)
        ?.entries.push({ role, responsibility });
    }
  }
  return [...groups.values()].filter(group => group.entries.length > 0);
}

/**
 * Browses the role catalogue: pillar and category filters, text search, and the matching entries
 * grouped by category. The filters live in the URL (`?pillar=security&q=sre`), so a view can be
 * shared and restored.
 *
 * @public
 */
export function RoleExplorer() {
  const api = useApi(wellArchitectedApiRef);
  const roleLink = useRouteRef(roleRouteRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const pillarId = searchParams.get('pillar') ?? undefined;
  const categoryId = searchParams.get('category') ?? undefined;
  const q = searchParams.get('q') ?? '';
  const [text, setText] = useState(q);

  const updateParams = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value) {
        next.set(key, value);
      } else {
        next.delete(key);
      }
    }
    setSearchParams(next, { replace: true });
  };

  // The search box follows the URL when it changes from outside (back button, shared link).
  useEffect(() => setText(q), [q]);
  useDebounce(
    () => {
      if (text.trim() !== q) {
        updateParams({ q: text.trim() || undefined });
      }
    },
    300,
    [text],
  );

  const pillars = useAsync(() => api.getPillars(), [api]);
  const roles = useAsync(
    () =>
      api.listRoles({
        pillar: pillarId as Pillar['id'] | undefined,
        category: categoryId,
        q: q || undefined,
        limit: ALL_ROLES,
      }),
    [api, pillarId, categoryId, q],
  );

  const groups = useMemo(
    () =>
      pillars.value && roles.value
        ? groupByCategory(pillars.value.items, roles.value.items)
        : [],
    [pillars.value, roles.value],
  );

  if (pillars.loading) {
    return <Progress />;
  }
  if (pillars.error) {
    return <ResponseErrorPanel error={pillars.error} />;
  }
  const pillarList = pillars.value?.items ?? [];
  const selectedPillar = pillarList.find(p => p.id === pillarId);

  return (
    <Grid container spacing={3} direction="column">
      <Grid item>
        <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={8}>
          <Chip
            label="All pillars"
            clickable
            aria-pressed={!pillarId}
            icon={pillarId ? undefined : <CheckIcon />}
            color={pillarId ? 'default' : 'primary'}
            onClick={() =>
              updateParams({ pillar: undefined, category: undefined })
            }
          />
          {pillarList.map(pillar => (
            <Chip
              key={pillar.id}
              label={`${pillar.title} (${pillar.roleCount})`}
              clickable
              aria-pressed={pillar.id === pillarId}
              icon={pillar.id === pillarId ? <CheckIcon /> : undefined}
              color={pillar.id === pillarId ? 'primary' : 'default'}
              onClick={() =>
                updateParams({ pillar: pillar.id, category: undefined })
              }
            />
          ))}
        </Box>
        {selectedPillar && (
          <Box display="flex" flexWrap="wrap" gridGap={8} mt={1}>
            {selectedPillar.categories.map(category => (
              <Chip
                key={category.id}
                size="small"
                variant="outlined"
                label={`${category.title} (${category.roleCount})`}
                clickable
                aria-pressed={category.id === categoryId}
                icon={category.id === categoryId ? <CheckIcon /> : undefined}
                color={category.id === categoryId ? 'primary' : 'default'}
                onClick={() =>
                  updateParams({
                    category:
                      category.id === categoryId ? undefined : category.id,
                  })
                }
              />
            ))}
          </Box>
        )}
      </Grid>
      <Grid item>
        <TextField
          fullWidth
          variant="outlined"
          size="small"
          placeholder="Search roles, aliases and responsibilities"
          value={text}
          onChange={event => setText(event.target.value)}
          inputProps={{ 'aria-label': 'Search roles', maxLength: 200 }}
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon />
              </InputAdornment>
            ),
          }}
        />
      </Grid>
      <Grid item>
        {roles.loading && <Progress />}
        {roles.error && <ResponseErrorPanel error={roles.error} />}
        {roles.value && roles.value.totalCount === 0 && (
          <EmptyState
            missing="data"
            title="No role matches"
            description="No role or responsibility matches these filters. Try another pillar or a shorter search."
            action={
              <Button
                variant="contained"
                color="primary"
                onClick={() => {
                  setText('');
                  updateParams({
                    pillar: undefined,
                    category: undefined,
                    q: undefined,
                  });
                }}
              >
                Clear filters
              </Button>
            }
          />
        )}
        {roles.value && roles.value.totalCount > 0 && (
          <>
            <Typography variant="body2" gutterBottom>
              {roles.value.totalCount} role
              {roles.value.totalCount === 1 ? '' : 's'}
            </Typography>
            <Grid container spacing={2}>
              {groups.map(group => (
                <Grid item xs={12} key={group.id}>
                  <InfoCard title={group.title} subheader={group.pillarTitle}>
                    <List dense disablePadding>
                      {group.entries.map(({ role, responsibility }) => (
                        <ListItem key={responsibility.id} disableGutters>
                          <ListItemText
                            primary={
                              <>
                                <Link to={roleLink({ roleId: role.id })}>
                                  {responsibility.title}
                                </Link>
                                <FlagChips flags={responsibility.flags} />
                              </>
                            }
                            secondary={responsibility.description}
                          />
                        </ListItem>
                      ))}
                    </List>
                  </InfoCard>
                </Grid>
              ))}
            </Grid>
          </>
        )}
      </Grid>
    </Grid>
  );
}
