import {
  PillarId,
  ResponsibilityFlag,
} from 'backstage-plugin-well-architected-common';
import { Signal } from 'backstage-plugin-well-architected-node';
import { EvaluatedReason, EvaluatedRole } from '../evaluation/model';

/** The signals that make an environment regulated, for the dataset's regulated-only entries. */
export const REGULATED_SIGNALS = ['regulated', 'consumes-regulated-data'];

/** The rule id of the reason that says why a regulated-only responsibility is suggested. */
export const REGULATED_ONLY_RULE = 'highly-regulated-environments';

const REGULATED_FLAG: ResponsibilityFlag = 'highly-regulated-environments';

/**
 * Roles that build or run data and operations: nothing a System or Component on its way out
 * (every lifecycle of it and its parts past production: `deprecated`, `retiring`,
 * `decommissioned`, …) needs anew. What fits retiring it (a change manager, a data steward who
 * decides what is kept) stays.
 */
export const NOT_WHILE_RETIRING = [
  'backup-administrator',
  'business-continuity-planner',
  'data-architect',
  'data-engineer',
  'database-administrator',
  'disaster-recovery-manager',
  'performance-engineer',
  'site-reliability-engineer',
  'support-engineer',
];

/** What of the role dataset fitting needs: where a role's responsibility carries a flag. */
export interface FlaggedResponsibilities {
  flaggedPillars(roleId: string, flag: ResponsibilityFlag): PillarId[];
}

/**
 * The roles the rules found, fitted to the entity and the dataset: on an entity on its way out,
 * no role of {@link NOT_WHILE_RETIRING}; a responsibility the dataset marks "optional, for highly
 * regulated environments" only where a regulated signal fired, and then with a reason that says
 * so. A role left with no pillar is not suggested.
 */
export function fitRoles(
  roles: EvaluatedRole[],
  context: {
    signals: Signal[];
    retiring: boolean;
    dataset: FlaggedResponsibilities;
  },
): EvaluatedRole[] {
  const regulated = context.signals.filter(s =>
    REGULATED_SIGNALS.includes(s.id),
  );
  return roles.flatMap(role => {
    if (context.retiring && NOT_WHILE_RETIRING.includes(role.roleId)) {
      return [];
    }
    const flagged = context.dataset.flaggedPillars(role.roleId, REGULATED_FLAG);
    if (flagged.length === 0) {
      return [role];
    }
    if (regulated.length > 0) {
      const served = flagged.filter(p =>
        role.reasons.some(r => r.pillarIds.includes(p)),
      );
      const because = regulated.map(
        (s): EvaluatedReason => ({
          ruleId: REGULATED_ONLY_RULE,
          signal: s.id,
          message: `optional in the role catalogue, for highly regulated environments, and ${s.message}`,
          entityRefs: s.entityRefs,
          source: s.source,
          weight: 0,
          pillarIds: served,
        }),
      );
      return served.length > 0
        ? [{ ...role, reasons: [...role.reasons, ...because] }]
        : [role];
    }
    const reasons = role.reasons
      .map(r => ({
        ...r,
        pillarIds: r.pillarIds.filter(p => !flagged.includes(p)),
      }))
      .filter(r => r.pillarIds.length > 0);
    return reasons.length > 0 ? [{ ...role, reasons }] : [];
  });
}
