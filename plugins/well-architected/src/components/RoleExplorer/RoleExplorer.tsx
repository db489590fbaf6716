import { useMemo } from 'react';
import { useLocation } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { InfoCard, Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { Box, Chip, Grid, List, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import CheckIcon from '@material-ui/icons/Check';
import {
  Pillar,
  Role,
  Responsibility,
} from 'backstage-plugin-well-architected-common';
import { wellArchitectedApiRef } from '../../api';
import { roleRouteRef } from '../../routes';
import { AsyncContent, nothingFound } from '../AsyncContent';
import { plural } from '../plural';
import { ResponsibilityItem } from '../ResponsibilityItem';
import { useRestoredScroll } from '../scrollPosition';
import { NoMatch, SearchField, useUrlFilters } from '../urlFilters';

/** Page size that holds the whole dataset; the list is grouped client-side by category. */
const ALL_ROLES = 500;

interface CategoryGroup {
  id: string;
  pillarTitle: string;
  title: string;
  entries: Array<{ role: Role; responsibility: Responsibility }>;
}

/** Groups the matching responsibilities by category, in the dataset's pillar and category order. */
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

/** The pillar chips, and the category chips of the selected pillar. */
function PillarChips(props: {
  pillars: Pillar[];
  pillarId?: string;
  categoryId?: string;
  onChange: (changes: Record<string, string | undefined>) => void;
}) {
  const { pillars, pillarId, categoryId, onChange } = props;
  const selectedPillar = pillars.find(p => p.id === pillarId);
  return (
    <>
      <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={8}>
        <Chip
          label="All pillars"
          clickable
          aria-pressed={!pillarId}
          icon={pillarId ? undefined : <CheckIcon />}
          color={pillarId ? 'default' : 'primary'}
          onClick={() => onChange({ pillar: undefined, category: undefined })}
        />
        {pillars.map(pillar => (
          <Chip
            key={pillar.id}
            label={`${pillar.title} (${pillar.roleCount})`}
            clickable
            aria-pressed={pillar.id === pillarId}
            icon={pillar.id === pillarId ? <CheckIcon /> : undefined}
            color={pillar.id === pillarId ? 'primary' : 'default'}
            onClick={() => onChange({ pillar: pillar.id, category: undefined })}
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
                onChange({
                  category:
                    category.id === categoryId ? undefined : category.id,
                })
              }
            />
          ))}
        </Box>
      )}
    </>
  );
}

/** The matching responsibilities of one category, each linked to its role. */
function CategoryCard(props: { group: CategoryGroup }) {
  const { group } = props;
  const roleLink = useRouteRef(roleRouteRef);
  // The role page's "All roles" comes back to the list as filtered here.
  const { search } = useLocation();
  return (
    <InfoCard title={group.title} subheader={group.pillarTitle}>
      <List dense disablePadding>
        {group.entries.map(({ role, responsibility }) => (
          <ResponsibilityItem
            key={responsibility.id}
            responsibility={responsibility}
            title={
              <Link
                to={roleLink({ roleId: role.id })}
                state={{ rolesSearch: search }}
              >
                {responsibility.title}
              </Link>
            }
          />
        ))}
      </List>
    </InfoCard>
  );
}

/** The filters of the URL that the dataset does not have, said plainly; they are not applied. */
function UnknownFilters(props: {
  pillars: Pillar[];
  pillarId?: string;
  categoryId?: string;
}) {
  const { pillars, pillarId, categoryId } = props;
  const messages = [
    pillarId &&
      `Unknown pillar '${pillarId}' in the address, so all pillars are shown. The pillars are: ${pillars
        .map(p => p.id)
        .join(', ')}.`,
    categoryId &&
      `Unknown category '${categoryId}' in the address, so all categories are shown. The categories are: ${pillars
        .flatMap(p => p.categories.map(c => c.id))
        .join(', ')}.`,
  ].filter(Boolean);
  return (
    <>
      {messages.map(message => (
        <Alert key={message} severity="warning">
          {message}
        </Alert>
      ))}
    </>
  );
}

/** The entries that match the filters, with how many roles and responsibilities they are. */
function RoleResults(props: {
  pillars: Pillar[];
  pillarId?: Pillar['id'];
  categoryId?: string;
  q: string;
  onClear: () => void;
}) {
  const { pillars, pillarId, categoryId, q, onClear } = props;
  const api = useApi(wellArchitectedApiRef);
  const roles = useAsync(
    () =>
      api.listRoles({
        pillar: pillarId,
        category: categoryId,
        q: q || undefined,
        limit: ALL_ROLES,
      }),
    [api, pillarId, categoryId, q],
  );
  const groups = useMemo(
    () => (roles.value ? groupByCategory(pillars, roles.value.items) : []),
    [pillars, roles.value],
  );
  // Back from a role page returns to where the person was in a long list.
  useRestoredScroll(!roles.loading && roles.value !== undefined);
  return (
    <AsyncContent
      state={roles}
      isEmpty={nothingFound}
      empty={
        <NoMatch
          title="No role matches"
          description="No role or responsibility matches these filters. Try another pillar or a shorter search."
          onClear={onClear}
        />
      }
    >
      {({ totalCount, items }) => (
        <>
          <Typography variant="body2" gutterBottom>
            {plural(totalCount, 'role')} ·{' '}
            {plural(
              items.reduce(
                (sum, role) => sum + role.responsibilities.length,
                0,
              ),
              'responsibility',
              'responsibilities',
            )}
          </Typography>
          <Grid container spacing={2}>
            {groups.map(group => (
              <Grid item xs={12} key={group.id}>
                <CategoryCard group={group} />
              </Grid>
            ))}
          </Grid>
        </>
      )}
    </AsyncContent>
  );
}

/**
 * Browses the role dataset: pillar and category filters, text search, and the matching entries
 * grouped by category, counted in roles and responsibilities. The filters live in the URL
 * (`?pillar=security&q=sre`), so a view can be shared and restored; a pillar or category the
 * dataset does not have is said plainly and the list is shown without it.
 *
 * @public
 */
export function RoleExplorer() {
  const api = useApi(wellArchitectedApiRef);
  const { searchParams, update, q, text, setText } = useUrlFilters();
  const pillarParam = searchParams.get('pillar') ?? undefined;
  const categoryParam = searchParams.get('category') ?? undefined;

  const pillars = useAsync(() => api.getPillars(), [api]);

  const clearFilters = () => {
    setText('');
    update({ pillar: undefined, category: undefined, q: undefined });
  };

  return (
    <AsyncContent state={pillars}>
      {({ items: pillarList }) => {
        const pillar = pillarList.find(p => p.id === pillarParam);
        const knownCategory = (pillar ? [pillar] : pillarList).some(p =>
          p.categories.some(c => c.id === categoryParam),
        );
        const pillarId = pillar?.id;
        const categoryId = knownCategory ? categoryParam : undefined;
        return (
          // nowrap: a wrapping column sizes its items to their content, so the chips would stay
          // on one line and a narrow window would scroll sideways.
          <Grid container spacing={3} direction="column" wrap="nowrap">
            <Grid item>
              <UnknownFilters
                pillars={pillarList}
                pillarId={pillar ? undefined : pillarParam}
                categoryId={knownCategory ? undefined : categoryParam}
              />
              <PillarChips
                pillars={pillarList}
                pillarId={pillarId}
                categoryId={categoryId}
                onChange={update}
              />
            </Grid>
            <Grid item>
              <SearchField
                fullWidth
                label="Search roles"
                placeholder="Search roles, aliases and responsibilities"
                text={text}
                setText={setText}
              />
            </Grid>
            <Grid item>
              <RoleResults
                pillars={pillarList}
                pillarId={pillarId}
                categoryId={categoryId}
                q={q}
                onClear={clearFilters}
              />
            </Grid>
          </Grid>
        );
      }}
    </AsyncContent>
  );
}
