import { CoverageTotals } from 'backstage-plugin-well-architected-common';

/** The totals of the Systems of one scope: `''` for all, or an owner Group's or a Domain's ref. */
export interface CoverageRollUp {
  scopeRef: string;
  totals: CoverageTotals[];
}

/** The counts of one day. */
export interface CoverageSnapshot {
  /** The UTC day, `YYYY-MM-DD`. */
  day: string;
  takenAt: Date;
  rollUps: CoverageRollUp[];
}

/** The daily history of coverage, shared by every replica. */
export interface CoverageHistoryStore {
  /** Whether the snapshot of `day` is stored. */
  hasSnapshot(day: string): Promise<boolean>;

  /**
   * Stores a snapshot unless one of the same day is stored, by another replica too; true when
   * this call stored it.
   */
  writeSnapshot(snapshot: CoverageSnapshot): Promise<boolean>;

  /**
   * Every stored day from `fromDay` on, oldest first, with the totals of `scopeRef` on that day
   * (none on a day it had no System).
   */
  readHistory(
    scopeRef: string,
    fromDay: string,
  ): Promise<Array<{ day: string; totals: CoverageTotals[] }>>;

  /** The first stored day: when history starts. */
  firstDay(): Promise<string | undefined>;

  /** Removes the snapshots of the days before `day`; how many there were. */
  deleteBefore(day: string): Promise<number>;
}
