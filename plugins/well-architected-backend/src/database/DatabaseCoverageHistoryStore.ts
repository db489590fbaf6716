import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { PillarId } from 'backstage-plugin-well-architected-common';
import { KnexStore } from './connectDatabase';
import { CoverageHistoryStore, CoverageSnapshot } from './CoverageHistoryStore';
import { DbCoverageCountRow, DbCoverageSnapshotRow } from './tables';

const SNAPSHOTS = 'coverage_snapshots';
const COUNTS = 'coverage_snapshot_counts';

/** Rows per insert: well under the bind-parameter limits of every database (8 columns a row). */
const WRITE_BATCH = 100;

/** The daily history of coverage in the plugin's database, through knex. */
export class DatabaseCoverageHistoryStore
  extends KnexStore
  implements CoverageHistoryStore
{
  async hasSnapshot(day: string): Promise<boolean> {
    return Boolean(
      await this.db<DbCoverageSnapshotRow>(SNAPSHOTS).where({ day }).first(),
    );
  }

  async writeSnapshot(snapshot: CoverageSnapshot): Promise<boolean> {
    const rows: DbCoverageCountRow[] = snapshot.rollUps.flatMap(
      ({ scopeRef, totals }) =>
        totals.map(t => ({
          day: snapshot.day,
          scope_ref: scopeRef,
          pillar_id: t.pillarId,
          covered: t.covered,
          partly: t.partly,
          gap: t.gap,
          not_needed: t.notNeeded,
        })),
    );
    try {
      await this.db.transaction(async tx => {
        // The day's key decides between replicas: the second insert waits for the first
        // transaction and then fails on the key, and its counts are not written.
        await tx<DbCoverageSnapshotRow>(SNAPSHOTS).insert({
          day: snapshot.day,
          taken_at: snapshot.takenAt,
        });
        for (let i = 0; i < rows.length; i += WRITE_BATCH) {
          await tx<DbCoverageCountRow>(COUNTS).insert(
            rows.slice(i, i + WRITE_BATCH),
          );
        }
      });
      return true;
    } catch (error) {
      if (isDatabaseConflictError(error)) {
        return false;
      }
      throw error;
    }
  }

  async readHistory(scopeRef: string, fromDay: string) {
    const [days, counts] = await Promise.all([
      this.db<DbCoverageSnapshotRow>(SNAPSHOTS)
        .where('day', '>=', fromDay)
        .orderBy('day')
        .pluck('day'),
      this.db<DbCoverageCountRow>(COUNTS)
        .where('scope_ref', scopeRef)
        .andWhere('day', '>=', fromDay),
    ]);
    return days.map(day => ({
      day,
      totals: counts
        .filter(row => row.day === day)
        .map(row => ({
          pillarId: row.pillar_id as PillarId,
          covered: Number(row.covered),
          partly: Number(row.partly),
          gap: Number(row.gap),
          notNeeded: Number(row.not_needed),
        })),
    }));
  }

  async firstDay(): Promise<string | undefined> {
    const row: { day?: string | null } | undefined = await this.db(SNAPSHOTS)
      .min({ day: 'day' })
      .first();
    return row?.day ?? undefined;
  }

  async deleteBefore(day: string): Promise<number> {
    return this.db.transaction(async (tx): Promise<number> => {
      await tx<DbCoverageCountRow>(COUNTS).where('day', '<', day).delete();
      return tx<DbCoverageSnapshotRow>(SNAPSHOTS)
        .where('day', '<', day)
        .delete();
    });
  }
}
