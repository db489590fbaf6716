import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CoverageRollUp,
  CoverageSystem,
  CoverageTotals,
  PillarId,
} from 'backstage-plugin-well-architected-common';
import { CatalogReads } from './boundedCatalog';
import { readableRefs } from './catalogVisibility';
import { isRefOfKind, parseEntityRefParameter } from './entityRefs';
import { Organisation } from './evaluation/model';
import { normalizeRef } from './RoleLinkService';

/** How many of the roles most often missing a roll-up names. */
export const MISSING_ROLES_LISTED = 5;

/** What a roll-up is kept for: each owner Group (with the Groups above it) or each Domain. */
export type RollUpBy = 'group' | 'domain';

/**
 * `groupRef` and every Group inside it (`childRefs`) or that it is inside (`parentRefs`), to any
 * depth; a cycle in the hierarchy ends the walk.
 */
export function groupsFrom(
  groupRef: string,
  organisation: Organisation,
  direction: 'childRefs' | 'parentRefs',
): Set<string> {
  const found = new Set<string>();
  const queue = [groupRef];
  while (queue.length > 0) {
    const ref = queue.pop()!;
    if (!found.has(ref)) {
      found.add(ref);
      queue.push(...(organisation.groups[ref]?.[direction] ?? []));
    }
  }
  return found;
}

/**
 * The items of each scope: by owner Group, an item counts for its owner and every Group above it,
 * as the `owner` filter finds a Group's Systems with those of the Groups inside it; by Domain, for
 * its Domain. An item with no owner (or Domain) counts in no scope.
 */
export function byScope<T>(
  items: T[],
  placement: (item: T) => { ownerRef?: string; domainRef?: string },
  by: RollUpBy,
  organisation: Organisation,
): Map<string, T[]> {
  const scopes = new Map<string, T[]>();
  for (const item of items) {
    const { ownerRef, domainRef } = placement(item);
    let refs: Iterable<string> = [];
    if (by === 'group' && ownerRef) {
      refs = groupsFrom(ownerRef, organisation, 'parentRefs');
    } else if (by === 'domain' && domainRef) {
      refs = [domainRef];
    }
    for (const ref of refs) {
      scopes.set(ref, [...(scopes.get(ref) ?? []), item]);
    }
  }
  return scopes;
}

/** How many of `rows` are in each state, per pillar of `pillarIds` (the rows' cells in that order). */
export function totalsOf(
  rows: CoverageSystem[],
  pillarIds: readonly PillarId[],
): CoverageTotals[] {
  return pillarIds.map((pillarId, i) => {
    const states = rows.map(row => row.cells[i].state);
    const of = (state: string) => states.filter(s => s === state).length;
    return {
      pillarId,
      covered: of('covered'),
      partly: of('partly'),
      gap: of('gap'),
      notNeeded: of('not-needed'),
    };
  });
}

/**
 * The roll-up of a scope's Systems: how many, the totals per pillar of `pillarIds`, and the roles
 * missing for the most Systems (a role missing in two pillars of one System counts once).
 */
export function rollUpOf(
  scopeRef: string,
  rows: CoverageSystem[],
  pillarIds: readonly PillarId[],
): CoverageRollUp {
  const missing = new Map<string, number>();
  for (const row of rows) {
    for (const roleId of new Set(row.cells.flatMap(c => c.missingRoleIds))) {
      missing.set(roleId, (missing.get(roleId) ?? 0) + 1);
    }
  }
  return {
    scopeRef,
    systemCount: rows.length,
    totals: totalsOf(rows, pillarIds),
    missingRoles: [...missing]
      .map(([roleId, systemCount]) => ({ roleId, systemCount }))
      .sort(
        (a, b) =>
          b.systemCount - a.systemCount || a.roleId.localeCompare(b.roleId),
      )
      .slice(0, MISSING_ROLES_LISTED),
  };
}

/** Cells in `gap` or `partly`, over every pillar of a roll-up: what "most gaps first" orders by. */
export const gapsOf = (rollUp: CoverageRollUp) =>
  rollUp.totals.reduce((sum, t) => sum + t.gap + t.partly, 0);

/**
 * The Group or Domain a caller asks the coverage of, as a lower-case ref: another kind is a 400,
 * and one the caller may not read a 404, as one that does not exist.
 */
export async function readableScope(
  scope: string,
  catalog: CatalogReads,
  credentials: BackstageCredentials,
): Promise<{ by: RollUpBy; scopeRef: string }> {
  const parsed = parseEntityRefParameter(scope);
  const by = (['group', 'domain'] as const).find(k => isRefOfKind(parsed, k));
  if (!by) {
    throw new InputError(
      `Coverage is counted for a Group or a Domain, not for '${parsed.kind}'`,
    );
  }
  const scopeRef = normalizeRef(stringifyEntityRef(parsed));
  const visible = await readableRefs(catalog, [scopeRef], credentials);
  if (!visible(scopeRef)) {
    throw new NotFoundError(
      `No ${
        by === 'group' ? 'Group' : 'Domain'
      } '${scopeRef}' in the catalog, or you may not see it`,
    );
  }
  return { by, scopeRef };
}
