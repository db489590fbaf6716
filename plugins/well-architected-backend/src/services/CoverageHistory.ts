import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CoverageHistoryQuery,
  CoverageHistoryResponse,
  PILLAR_IDS,
} from 'backstage-plugin-well-architected-common';
import { z } from 'zod';
import { CoverageHistoryStore } from '../database/CoverageHistoryStore';
import { EvaluationStore } from '../database/EvaluationStore';
import { CatalogReads } from './boundedCatalog';
import { readableRefs } from './catalogVisibility';
import { CoverageRollUpService } from './CoverageRollUpService';
import { normalizeRef } from './RoleLinkService';

const RETENTION_KEY = 'wellArchitected.coverage.history.retentionDays';
const DEFAULT_RETENTION_DAYS = 400;
const DEFAULT_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** How many days coverage snapshots are kept, from config. */
export function readHistoryRetentionDays(config: Config): number {
  const parsed = z
    .number()
    .int()
    .min(1)
    .max(3660)
    .safeParse(config.getOptional(RETENTION_KEY) ?? DEFAULT_RETENTION_DAYS);
  if (!parsed.success) {
    throw new InputError(
      `Invalid config at ${RETENTION_KEY}: use a whole number of days from 1 to 3660 (default ${DEFAULT_RETENTION_DAYS})`,
    );
  }
  return parsed.data;
}

/** The UTC day of `time`, `days` days earlier, as `YYYY-MM-DD`. */
const dayOf = (time: Date, days = 0) =>
  new Date(time.getTime() - days * DAY_MS).toISOString().slice(0, 10);

/** The ref of a scope parameter, lower case, when it names an entity of `kind`. */
function scopeOf(ref: string, parameter: string, kind: string): string {
  const normalized = normalizeRef(ref);
  if (!normalized.startsWith(`${kind}:`)) {
    throw new InputError(
      `Invalid '${parameter}': '${ref}' is not a ${kind}; use a ref such as ${kind}:default/name`,
    );
  }
  return normalized;
}

/** What a {@link CoverageHistory} needs, and what it uses each for. */
export interface CoverageHistoryOptions {
  /** Keeps one snapshot a day: writes, reads back and removes them. */
  store: CoverageHistoryStore;
  /** No snapshot before the first evaluation round has stored an organisation. */
  evaluations: Pick<EvaluationStore, 'readOrganisationHash'>;
  /** Counts the totals of every System, owner Group and Domain that a snapshot keeps. */
  coverage: Pick<CoverageRollUpService, 'rollUps'>;
  /** The snapshot counts with the plugin's own view of the whole catalog. */
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  /** Whether the caller may read the Group or Domain whose history is asked for. */
  catalog: CatalogReads;
  /** Tells when a snapshot is taken and when old ones are removed. */
  logger: LoggerService;
  /** How many days of snapshots to keep. */
  retentionDays: number;
}

/**
 * The daily history of coverage: a snapshot of the counts per pillar for every System, each owner
 * Group and each Domain, taken once a day with the plugin's own view of the catalog, and read back
 * as a trend.
 */
export class CoverageHistory {
  constructor(private readonly options: CoverageHistoryOptions) {}

  /**
   * Takes today's snapshot unless one is stored (by this replica or another), then removes the
   * days past the retention. Before the first evaluation round there is nothing to count, and no
   * snapshot is taken: a day of zeros would be a false start of the trend.
   */
  async takeSnapshot(now = new Date()): Promise<void> {
    const { store, logger, retentionDays } = this.options;
    const day = dayOf(now);
    if (
      !(await store.hasSnapshot(day)) &&
      (await this.options.evaluations.readOrganisationHash()) !== undefined
    ) {
      const rollUps = await this.options.coverage.rollUps(
        await this.options.auth.getOwnServiceCredentials(),
      );
      if (await store.writeSnapshot({ day, takenAt: now, rollUps })) {
        logger.info(
          `Coverage snapshot of ${day} taken: ${rollUps.length} scopes`,
        );
      }
    }
    const removed = await store.deleteBefore(dayOf(now, retentionDays - 1));
    if (removed > 0) {
      logger.info(
        `Removed ${removed} coverage snapshots older than ${retentionDays} days`,
      );
    }
  }

  async history(
    query: CoverageHistoryQuery,
    credentials: BackstageCredentials,
  ): Promise<CoverageHistoryResponse> {
    if (query.owner && query.domain) {
      throw new InputError(
        "Give 'owner' or 'domain', not both: history is kept per Group and per Domain",
      );
    }
    const scopeRef = query.owner
      ? scopeOf(query.owner, 'owner', 'group')
      : query.domain && scopeOf(query.domain, 'domain', 'domain');
    if (
      scopeRef &&
      !(await readableRefs(this.options.catalog, [scopeRef], credentials))(
        scopeRef,
      )
    ) {
      throw new NotFoundError(`No ${scopeRef} that you may read`);
    }
    const pillarIds = PILLAR_IDS.filter(
      p => !query.pillar || p === query.pillar,
    );
    const days = Math.min(
      query.days ?? DEFAULT_DAYS,
      this.options.retentionDays,
    );
    const [stored, startsOn] = await Promise.all([
      this.options.store.readHistory(
        scopeRef ?? '',
        dayOf(new Date(), days - 1),
      ),
      this.options.store.firstDay(),
    ]);
    return {
      ...(scopeRef && { scopeRef }),
      pillarIds,
      ...(startsOn && { startsOn }),
      retentionDays: this.options.retentionDays,
      points: stored.map(({ day, totals }) => ({
        day,
        totals: pillarIds.map(
          pillarId =>
            totals.find(t => t.pillarId === pillarId) ?? {
              pillarId,
              covered: 0,
              partly: 0,
              gap: 0,
              notNeeded: 0,
            },
        ),
      })),
    };
  }
}
