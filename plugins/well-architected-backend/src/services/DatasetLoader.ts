import fs from 'node:fs/promises';
import path from 'node:path';
import {
  LoggerService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { buildDataset } from '../dataset/buildDataset';
import { Dataset } from '../dataset/types';
import { DatasetSyncResult, RoleStore } from '../database/RoleStore';

/** The folder of the dataset that ships with this package. */
const BUNDLED_DATASET_DIR = resolvePackagePath(
  'backstage-plugin-well-architected-backend',
  'dataset',
);

/** The file names of a dataset folder. */
const DATASET_FILES = {
  seed: 'well-architected-roles.txt',
  curation: 'roles.yaml',
} as const;

/** Reads and builds the dataset in a folder that holds the seed text and the curation. */
export async function readDataset(dir: string): Promise<Dataset> {
  const [seedText, curationYaml] = await Promise.all([
    fs.readFile(path.join(dir, DATASET_FILES.seed), 'utf8'),
    fs.readFile(path.join(dir, DATASET_FILES.curation), 'utf8'),
  ]);
  return buildDataset(seedText, curationYaml);
}

/**
 * Loads the bundled dataset into the store at start. Idempotent: a start with an unchanged
 * dataset writes nothing; a changed one updates the dataset in one transaction.
 */
export class DatasetLoader {
  constructor(
    private readonly options: {
      store: RoleStore;
      logger: LoggerService;
      datasetDir?: string;
    },
  ) {}

  async load(): Promise<DatasetSyncResult> {
    const { store, logger, datasetDir = BUNDLED_DATASET_DIR } = this.options;
    const dataset = await readDataset(datasetDir);
    const result = await store.syncDataset(dataset);
    if (result.newerLoaded) {
      logger.warn(
        `This replica is behind: it ships Well-Architected dataset revision ${
          dataset.revision
        } (${dataset.version.slice(0, 12)}), and the database holds revision ${
          result.newerLoaded.revision
        } (${result.newerLoaded.version.slice(
          0,
          12,
        )}), loaded by a newer release. It serves that one and changes nothing; finish the rollout`,
      );
    } else if (result.changed) {
      logger.info(
        `Loaded Well-Architected dataset ${dataset.version.slice(0, 12)}: ` +
          `${result.inserted} rows inserted, ${result.updated} updated, ${result.retired} retired`,
      );
    } else {
      logger.debug(
        `Well-Architected dataset ${dataset.version.slice(
          0,
          12,
        )} is already loaded`,
      );
    }
    return result;
  }
}
