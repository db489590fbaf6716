import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  PillarId,
  ResponsibilityFlag,
} from 'backstage-plugin-well-architected-common';
import { Dataset } from '../dataset/types';
import { connectDatabase, withStartupLock } from './connectDatabase';
import { DatasetSyncResult, RoleStore } from './RoleStore';
import {
  DbCategoryRow,
  DbDatasetStateRow,
  DbPillarRow,
  DbResponsibilityRow,
  DbRoleRow,
} from './tables';

const STATE_ID = 'current';
const UNCHANGED: DatasetSyncResult = {
  changed: false,
  inserted: 0,
  updated: 0,
  retired: 0,
};
// Keeps each INSERT well under SQLite's bound-variable limit.
const INSERT_CHUNK = 50;

type DatasetRow = Record<string, unknown> & {
  id: string;
  retired_at: Date | string | null;
};

/** Row values without the retirement column, as the dataset defines them. */
type Fields<T> = Omit<T, 'retired_at'>;

function toRows(dataset: Dataset) {
  return {
    pillars: dataset.pillars.map(
      (p): Fields<DbPillarRow> => ({
        id: p.id,
        title: p.title,
        sort_order: p.order,
      }),
    ),
    categories: dataset.categories.map(
      (c): Fields<DbCategoryRow> => ({
        id: c.id,
        pillar_id: c.pillarId,
        title: c.title,
        sort_order: c.order,
      }),
    ),
    roles: dataset.roles.map(
      (r): Fields<DbRoleRow> => ({
        id: r.id,
        title: r.title,
        aliases: JSON.stringify(r.aliases),
      }),
    ),
    responsibilities: dataset.responsibilities.map(
      (r): Fields<DbResponsibilityRow> => ({
        id: r.id,
        role_id: r.roleId,
        pillar_id: r.pillarId,
        category_id: r.categoryId,
        title: r.title,
        description: r.description,
        flags: JSON.stringify(r.flags),
        sort_order: r.order,
      }),
    ),
  };
}

/** The role dataset in the plugin's database, through knex. */
export class DatabaseRoleStore implements RoleStore {
  /** Connects to the plugin's database and runs its migrations unless told to skip them. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseRoleStore> {
    const client = await connectDatabase(options.database);
    return new DatabaseRoleStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async getDatasetVersion(): Promise<string | undefined> {
    return this.readVersion(this.db);
  }

  async syncDataset(dataset: Dataset): Promise<DatasetSyncResult> {
    // A restart finds its version loaded and needs neither the lock nor a transaction.
    if ((await this.readVersion(this.db)) === dataset.version) {
      return { ...UNCHANGED };
    }
    // Replicas that start together load one at a time; the ones after the first find the
    // version stored and write nothing.
    return withStartupLock(this.db, () => this.sync(dataset));
  }

  private async sync(dataset: Dataset): Promise<DatasetSyncResult> {
    return this.db.transaction(async tx => {
      const result: DatasetSyncResult = { ...UNCHANGED };
      const stored = await this.readState(tx);
      if (stored?.version === dataset.version) {
        return result;
      }
      // A replica of an older release that restarts during a rolling deploy keeps the newer
      // dataset that a newer replica loaded.
      if (stored && stored.revision > dataset.revision) {
        result.newerLoaded = {
          version: stored.version,
          revision: stored.revision,
        };
        return result;
      }
      const rows = toRows(dataset);
      // Parents before children, so that foreign keys always find their row.
      const tables: Array<[string, Array<{ id: string }>]> = [
        ['pillars', rows.pillars],
        ['categories', rows.categories],
        ['roles', rows.roles],
        ['responsibilities', rows.responsibilities],
      ];
      for (const [table, wanted] of tables) {
        const counts = await this.syncTable(tx, table, wanted);
        result.inserted += counts.inserted;
        result.updated += counts.updated;
        result.retired += counts.retired;
      }
      await tx<DbDatasetStateRow>('dataset_state')
        .insert({
          id: STATE_ID,
          version: dataset.version,
          revision: dataset.revision,
          loaded_at: new Date(),
        })
        .onConflict('id')
        .merge(['version', 'revision', 'loaded_at']);
      result.changed = true;
      return result;
    });
  }

  async readStoredDataset(): Promise<Dataset | undefined> {
    // One transaction, so that the version and the rows belong together even while another
    // replica loads a new dataset.
    return this.db.transaction(async tx => {
      const state = await this.readState(tx);
      if (!state) {
        return undefined;
      }
      // One statement at a time: a transaction is one connection.
      const pillars = await tx<DbPillarRow>('pillars')
        .whereNull('retired_at')
        .orderBy('sort_order');
      const categories = await tx<DbCategoryRow>('categories')
        .whereNull('retired_at')
        .orderBy(['pillar_id', 'sort_order']);
      const roles = await tx<DbRoleRow>('roles')
        .whereNull('retired_at')
        .orderBy('id');
      const responsibilities = await tx<DbResponsibilityRow>('responsibilities')
        .whereNull('retired_at')
        .orderBy(['category_id', 'sort_order']);
      return {
        version: state.version,
        revision: state.revision,
        pillars: pillars.map(p => ({
          id: p.id as PillarId,
          title: p.title,
          order: p.sort_order,
        })),
        categories: categories.map(c => ({
          id: c.id,
          pillarId: c.pillar_id as PillarId,
          title: c.title,
          order: c.sort_order,
        })),
        roles: roles.map(r => ({
          id: r.id,
          title: r.title,
          aliases: JSON.parse(r.aliases) as string[],
        })),
        responsibilities: responsibilities.map(r => ({
          id: r.id,
          roleId: r.role_id,
          pillarId: r.pillar_id as PillarId,
          categoryId: r.category_id,
          title: r.title,
          description: r.description,
          flags: JSON.parse(r.flags) as ResponsibilityFlag[],
          order: r.sort_order,
        })),
      };
    });
  }

  private async readVersion(db: Knex): Promise<string | undefined> {
    return (await this.readState(db))?.version;
  }

  private async readState(
    db: Knex,
  ): Promise<{ version: string; revision: number } | undefined> {
    const row = await db<DbDatasetStateRow>('dataset_state')
      .where({ id: STATE_ID })
      .first('version', 'revision');
    // MySQL may return the integer as a string.
    return row && { version: row.version, revision: Number(row.revision) };
  }

  /**
   * Diffs one dataset table against the wanted rows and writes only the differences. Tables
   * are small (at most a few hundred rows), so reading them whole is cheaper than a query per row.
   */
  private async syncTable(
    tx: Knex.Transaction,
    table: string,
    wanted: Array<{ id: string }>,
  ) {
    const stored: DatasetRow[] = await tx(table).select();
    const existing = new Map(stored.map(row => [row.id, row]));
    const wantedIds = new Set(wanted.map(row => row.id));

    const toInsert = wanted.filter(row => !existing.has(row.id));
    const toUpdate = wanted.filter(row => {
      const current = existing.get(row.id);
      return (
        current !== undefined &&
        (current.retired_at !== null ||
          Object.entries(row).some(
            ([column, value]) => current[column] !== value,
          ))
      );
    });
    const toRetire = [...existing.values()]
      .filter(row => row.retired_at === null && !wantedIds.has(row.id))
      .map(row => row.id);

    if (toInsert.length > 0) {
      await tx.batchInsert(table, toInsert, INSERT_CHUNK);
    }
    for (const row of toUpdate) {
      await tx(table)
        .where({ id: row.id })
        .update({ ...row, retired_at: null });
    }
    if (toRetire.length > 0) {
      await tx(table)
        .whereIn('id', toRetire)
        .update({ retired_at: tx.fn.now() });
    }
    return {
      inserted: toInsert.length,
      updated: toUpdate.length,
      retired: toRetire.length,
    };
  }
}
