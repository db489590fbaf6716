import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  CoverageSystem,
  PILLAR_IDS,
  PillarId,
} from 'backstage-plugin-well-architected-common';
import { z } from 'zod';
import { configParseError } from './configErrors';
import { CoverageService } from './CoverageService';
import {
  CatalogEvaluator,
  EvaluationRound,
  shardOf,
} from './evaluation/CatalogEvaluator';
import { RoleDataset } from './RoleDataset';

const KEY = 'wellArchitected.notifications.newGaps';

/** Whether, and for which pillars, owners are told about new gaps. */
export interface GapNotificationSettings {
  enabled: boolean;
  pillarIds: readonly PillarId[];
}

const settingsSchema = z.strictObject({
  enabled: z.boolean().default(false),
  pillars: z
    .array(
      z.enum(PILLAR_IDS, { message: `use one of ${PILLAR_IDS.join(', ')}` }),
    )
    .min(1, 'name at least one pillar, or leave the key out for all of them')
    .optional(),
});

/** `wellArchitected.notifications.newGaps`; throws at start, naming the key, on a wrong value. */
export function readGapNotificationSettings(
  config: Config,
): GapNotificationSettings {
  const parsed = settingsSchema.safeParse(config.getOptional(KEY) ?? {});
  if (!parsed.success) {
    throw configParseError(KEY, parsed.error);
  }
  return {
    enabled: parsed.data.enabled,
    pillarIds: parsed.data.pillars ?? PILLAR_IDS,
  };
}

/** The scope that makes the notifications backend keep one notification per gap. */
export const gapScope = (entityRef: string, roleId: string) =>
  `well-architected:gap:${entityRef}:${roleId}`;

/** A role suggested for a System that no Group holds and nobody decided on, in some pillars. */
interface Gap {
  entityRef: string;
  name: string;
  ownerRef?: string;
  roleId: string;
  pillarIds: PillarId[];
}

/**
 * Tells the owner Group of a System, through the notifications backend, when an evaluation round
 * finds that the System gained a suggested role that no Group holds: a new gap. What was suggested
 * before the round is compared with the gaps after it, so that a gap that stays is told once, and
 * a gap opened by removing a link (not by the evaluation) is not told. A System new to the
 * catalog gains all its roles. The first round of a shard with nothing evaluated before tells
 * nobody: what it finds was there before the plugin looked.
 */
export class GapNotifications {
  constructor(
    private readonly options: {
      settings: GapNotificationSettings;
      evaluator: Pick<CatalogEvaluator, 'runRound'>;
      coverage: Pick<CoverageService, 'systemRows'>;
      roleDataset: RoleDataset;
      notifications: NotificationService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  /** A round of the evaluator, then the notifications of the gaps it opened in its shard. */
  async runRound(
    shard: { shard: number; shards: number } = { shard: 0, shards: 1 },
  ): Promise<EvaluationRound | undefined> {
    const { settings, evaluator, auth, coverage } = this.options;
    if (!settings.enabled) {
      return evaluator.runRound(shard);
    }
    const inShard = (entityRef: string) =>
      shardOf(entityRef, shard.shards) === shard.shard;
    // The coverage as the plugin sees the whole catalog: built again only when something changed.
    const credentials = await auth.getOwnServiceCredentials();
    const before = (await coverage.systemRows(credentials)).filter(row =>
      inShard(row.entityRef),
    );
    const round = await evaluator.runRound(shard);
    // Nothing evaluated before in this shard: a new install, whose gaps were there already.
    if (!round || round.written === 0 || before.length === 0) {
      return round;
    }
    const suggestedBefore = new Map(
      before.map(row => [
        row.entityRef,
        new Set(
          row.cells.flatMap(c => [...c.coveredRoleIds, ...c.missingRoleIds]),
        ),
      ]),
    );
    const gaps = gapsOf(
      await coverage.systemRows(credentials),
      settings.pillarIds,
    ).filter(
      gap =>
        inShard(gap.entityRef) &&
        !suggestedBefore.get(gap.entityRef)?.has(gap.roleId),
    );
    await this.tell(gaps);
    return round;
  }

  /** One notification per gap to the System's owner; a failure is logged, not thrown. */
  private async tell(gaps: Gap[]) {
    const { notifications, logger } = this.options;
    const dataset = await this.options.roleDataset.current();
    const pillarTitles = new Map(
      dataset.pillars().items.map(p => [p.id, p.title]),
    );
    for (const gap of gaps) {
      if (!gap.ownerRef) {
        logger.debug(
          `No notification of the new gap ${gap.roleId} of ${gap.entityRef}: it has no owner`,
        );
        continue;
      }
      const role = dataset.roleTitle(gap.roleId);
      const pillars = gap.pillarIds
        .map(id => pillarTitles.get(id) ?? id)
        .join(', ');
      const { namespace, name } = parseEntityRef(gap.entityRef);
      try {
        await notifications.send({
          recipients: { type: 'entity', entityRef: gap.ownerRef },
          payload: {
            title: `${gap.name} needs a reviewer for the role ${role}`,
            description: `The Well-Architected suggestions for ${gap.name} now include the role ${role} (${pillars}), and no group holds it. Link a group to the role, or accept or dismiss the suggestion on the System's page.`,
            link: `/catalog/${namespace}/system/${name}`,
            severity: 'normal',
            topic: 'Well-Architected gaps',
            scope: gapScope(gap.entityRef, gap.roleId),
          },
        });
      } catch (error) {
        logger.warn(
          `Could not notify ${gap.ownerRef} of the new gap ${gap.roleId} of ${gap.entityRef}: ${error}`,
        );
      }
    }
    if (gaps.length > 0) {
      logger.info(`Notified the owners of ${gaps.length} new gaps`);
    }
  }
}

/** Every gap of `rows` in `pillarIds`: a role no group holds, with the pillars it is missing in. */
function gapsOf(rows: CoverageSystem[], pillarIds: readonly PillarId[]): Gap[] {
  return rows.flatMap(row => {
    const byRole = new Map<string, PillarId[]>();
    for (const cell of row.cells) {
      if (pillarIds.includes(cell.pillarId)) {
        for (const roleId of cell.missingRoleIds) {
          byRole.set(roleId, [...(byRole.get(roleId) ?? []), cell.pillarId]);
        }
      }
    }
    return [...byRole].map(([roleId, pillars]) => ({
      entityRef: row.entityRef,
      name: row.name,
      ownerRef: row.ownerRef,
      roleId,
      pillarIds: pillars,
    }));
  });
}
