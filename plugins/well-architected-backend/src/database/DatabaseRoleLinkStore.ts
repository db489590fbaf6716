import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { connectDatabase, readTimestamp } from './connectDatabase';
import { RoleLinkStore, StoredRoleLink } from './RoleLinkStore';
import { DbRoleLinkRow } from './tables';

const TABLE = 'role_links';

function toLink(row: DbRoleLinkRow): StoredRoleLink {
  return {
    roleId: row.role_id,
    groupRef: row.group_ref,
    createdBy: row.created_by,
    createdAt: readTimestamp(row.created_at),
  };
}

/** Portal links between roles and groups in the plugin's database, through knex. */
export class DatabaseRoleLinkStore implements RoleLinkStore {
  /** Connects to the plugin's database and runs its migrations unless told to skip them. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseRoleLinkStore> {
    return new DatabaseRoleLinkStore(await connectDatabase(options.database));
  }

  private constructor(private readonly db: Knex) {}

  async listLinks(
    filter: { roleIds?: string[]; groupRefs?: string[] } = {},
  ): Promise<StoredRoleLink[]> {
    const query = this.db<DbRoleLinkRow>(TABLE).orderBy([
      'role_id',
      'group_ref',
    ]);
    if (filter.roleIds) {
      query.whereIn('role_id', filter.roleIds);
    }
    if (filter.groupRefs) {
      query.whereIn('group_ref', filter.groupRefs);
    }
    return (await query).map(toLink);
  }

  async stamp(): Promise<string> {
    const [{ links, newest }] = await this.db<DbRoleLinkRow>(TABLE)
      .count({ links: '*' })
      .max({ newest: 'created_at' });
    return `${links} ${newest ? readTimestamp(newest).toISOString() : ''}`;
  }

  async linkedRoleIds(): Promise<string[]> {
    const rows = await this.db<DbRoleLinkRow>(TABLE)
      .distinct('role_id')
      .orderBy('role_id');
    return rows.map(row => row.role_id);
  }

  async addLink(link: {
    roleId: string;
    groupRef: string;
    createdBy: string;
  }): Promise<{ link: StoredRoleLink; created: boolean }> {
    const existing = await this.find(link);
    if (existing) {
      return { link: existing, created: false };
    }
    // Concurrent calls for the same link all reach this insert; the primary key keeps one row
    // and the others are ignored rather than failing.
    await this.db<DbRoleLinkRow>(TABLE)
      .insert({
        role_id: link.roleId,
        group_ref: link.groupRef,
        created_by: link.createdBy,
        created_at: new Date(),
      })
      .onConflict(['role_id', 'group_ref'])
      .ignore();
    const stored = await this.find(link);
    if (!stored) {
      throw new Error(
        `The link of role '${link.roleId}' to '${link.groupRef}' was removed while it was being made`,
      );
    }
    return { link: stored, created: true };
  }

  async removeLink(link: { roleId: string; groupRef: string }) {
    const deleted = await this.db<DbRoleLinkRow>(TABLE)
      .where({ role_id: link.roleId, group_ref: link.groupRef })
      .delete();
    return deleted > 0;
  }

  private async find(link: { roleId: string; groupRef: string }) {
    const row = await this.db<DbRoleLinkRow>(TABLE)
      .where({ role_id: link.roleId, group_ref: link.groupRef })
      .first();
    return row && toLink(row);
  }
}
