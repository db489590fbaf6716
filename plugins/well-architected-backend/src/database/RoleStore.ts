import { Dataset } from '../dataset/types';

/** What a dataset sync changed. */
export interface DatasetSyncResult {
  /** False when the stored version already equalled the dataset's: nothing was written. */
  changed: boolean;
  inserted: number;
  updated: number;
  retired: number;
  /**
   * Set when the store holds a dataset with a higher revision than the one given: nothing was
   * written, and the store keeps serving the newer dataset.
   */
  newerLoaded?: { version: string; revision: number };
}

/**
 * Storage of the role dataset (pillars, categories, roles, responsibilities) and of the
 * version of the dataset it holds.
 */
export interface RoleStore {
  /** The version of the stored dataset, or undefined before the first load. */
  getDatasetVersion(): Promise<string | undefined>;

  /**
   * Makes the stored dataset equal to the dataset, in one transaction: inserts new rows, updates
   * changed ones and retires rows the dataset no longer has (they stay, marked retired, so that
   * rows referring to them survive). Writes nothing when the version is unchanged, or when the
   * stored dataset has a higher revision (see `newerLoaded`).
   */
  syncDataset(dataset: Dataset): Promise<DatasetSyncResult>;

  /** The active dataset with its version, or undefined before the first load. */
  readStoredDataset(): Promise<Dataset | undefined>;
}
