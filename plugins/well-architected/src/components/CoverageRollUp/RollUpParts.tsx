import { useCallback, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { Typography } from '@material-ui/core';
import {
  CoverageTotals,
  MissingRole,
  PillarId,
} from 'backstage-plugin-well-architected-common';
import { wellArchitectedApiRef } from '../../api';
import { roleRouteRef } from '../../routes';
import { plural } from '../plural';

/**
 * The titles of pillars and roles, for views that name them by id; the id until the dataset has
 * been read, or when it does not have one.
 */
export function useTitles() {
  const api = useApi(wellArchitectedApiRef);
  const pillars = useAsync(() => api.getPillars(), [api]);
  const roles = useAsync(() => api.listRoleSummaries(), [api]);
  // Stable while the pillars and roles stay the same, so that a chart is not drawn again for
  // every page of rows, and a title is one look-up, not a search, for each role of each cell.
  const pillarTitle = useCallback(
    (pillarId: PillarId) =>
      pillars.value?.items.find(p => p.id === pillarId)?.title ?? pillarId,
    [pillars.value],
  );
  const roleTitles = useMemo(
    () => new Map((roles.value?.items ?? []).map(r => [r.id, r.title])),
    [roles.value],
  );
  const roleTitle = useCallback(
    (roleId: string) => roleTitles.get(roleId) ?? roleId,
    [roleTitles],
  );
  return { pillars: pillars.value?.items ?? [], pillarTitle, roleTitle };
}

/**
 * A pillar's gaps in words: how many Systems have a suggested role that no group holds (none
 * held, or some), or that there is none.
 */
export function gapsInWords(totals: CoverageTotals): string {
  if (totals.gap + totals.partly === 0) {
    return totals.covered > 0 ? 'No gap' : 'Nothing needed';
  }
  return [
    totals.gap > 0 && plural(totals.gap, 'gap'),
    totals.partly > 0 && `${totals.partly} partly`,
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * The roles most often missing, each a link to its page with the number of Systems it is
 * missing for; "None" when every suggested role has a reviewer group.
 */
export function MissingRoleLinks(props: {
  missingRoles: MissingRole[];
  roleTitle: (roleId: string) => string;
}) {
  const { missingRoles, roleTitle } = props;
  const roleLink = useRouteRef(roleRouteRef);
  if (missingRoles.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        None
      </Typography>
    );
  }
  return (
    <>
      {missingRoles.map((role, i) => (
        <Typography variant="body2" key={role.roleId} component="span">
          {i > 0 && ', '}
          <Link to={roleLink({ roleId: role.roleId })}>
            {roleTitle(role.roleId)}
          </Link>{' '}
          ({plural(role.systemCount, 'System')})
        </Typography>
      ))}
    </>
  );
}
