import { Knex } from 'knex';
import { Dataset } from '../dataset/types';
import { KnexStore, withStartupLock } from './connectDatabase';
import { DatasetSyncResult, RoleStore } from './RoleStore';
import { DbDatasetStateRow } from './tables';

const STATE_ID = 'current';
const UNCHANGED: DatasetSyncResult = {
  changed: false,
  inserted: 0,
  updated: 0,
  retired: 0,
};
// Keeps each INSERT well under SQLite's bound-variable limit.
const INSERT_CHUNK = 50;

/** A row of a dataset table, as the dataset defines it: without the retirement column. */
type Row = { id: string } & Record<string, unknown>;

type StoredRow = Row & { retired_at: Date | string | null };

/** The dataset's tables, each a list in the dataset. */
type DatasetTable = 'pillars' | 'categories' | 'roles' | 'responsibilities';

/** Where a dataset field is stored: its column, and whether the column holds it as JSON text. */
type Column = { column: string; json?: true };

const plainColumn = (name: string): Column => ({ column: name });
const jsonColumn = (name: string): Column => ({ column: name, json: true });

/**
 * The columns of each dataset field, one map for writing the rows and reading them back. Tables
 * are listed parents first, so that foreign keys always find their row.
 */
const COLUMNS: {
  [T in DatasetTable]: Record<keyof Dataset[T][number], Column>;
} = {
  pillars: {
    id: plainColumn('id'),
    title: plainColumn('title'),
    order: plainColumn('sort_order'),
  },
  categories: {
    id: plainColumn('id'),
    pillarId: plainColumn('pillar_id'),
    title: plainColumn('title'),
    order: plainColumn('sort_order'),
  },
  roles: {
    id: plainColumn('id'),
    title: plainColumn('title'),
    aliases: jsonColumn('aliases'),
  },
  responsibilities: {
    id: plainColumn('id'),
    roleId: plainColumn('role_id'),
    pillarId: plainColumn('pillar_id'),
    categoryId: plainColumn('category_id'),
    title: plainColumn('title'),
    description: plainColumn('description'),
    flags: jsonColumn('flags'),
    order: plainColumn('sort_order'),
  },
};

const TABLES = Object.keys(COLUMNS) as DatasetTable[];

/** A dataset item as its table's row. */
function toRow(item: object, columns: Record<string, Column>): Row {
  const values = item as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(columns).map(([field, { column, json }]) => [
      column,
      json ? JSON.stringify(values[field]) : values[field],
    ]),
  ) as Row;
}

/** A row read back as the dataset item it was written from. */
function fromRow<T>(
  row: Record<string, unknown>,
  columns: Record<string, Column>,
): T {
  return Object.fromEntries(
    Object.entries(columns).map(([field, { column, json }]) => [
      field,
      json ? JSON.parse(String(row[column])) : row[column],
    ]),
  ) as T;
}

/** The role dataset in the plugin's database, through knex. */
export class DatabaseRoleStore extends KnexStore implements RoleStore {
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
      for (const table of TABLES) {
        const wanted = dataset[table].map(item => toRow(item, COLUMNS[table]));
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
      const read = async <T extends DatasetTable>(
        table: T,
        order: string[],
      ): Promise<Dataset[T]> => {
        const rows = await tx(table).whereNull('retired_at').orderBy(order);
        return rows.map(row =>
          fromRow<Dataset[T][number]>(row, COLUMNS[table]),
        ) as Dataset[T];
      };
      const pillars = await read('pillars', ['sort_order']);
      const categories = await read('categories', ['pillar_id', 'sort_order']);
      const roles = await read('roles', ['id']);
      const responsibilities = await read('responsibilities', [
        'category_id',
        'sort_order',
      ]);
      return {
        version: state.version,
        revision: state.revision,
        pillars,
        categories,
        roles,
        responsibilities,
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
  private async syncTable(tx: Knex.Transaction, table: string, wanted: Row[]) {
    const stored: StoredRow[] = await tx(table).select();
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
