import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { KnexStore, readTimestamp } from './connectDatabase';
import { RoleLinkStore, StoredRoleLink } from './RoleLinkStore';
import { DbRoleLinkRow } from './tables';

const TABLE = 'role_links';
const REVISION_TABLE = 'role_links_revision';

/** How often a link change is tried again when concurrent changes of the same link get between. */
const MAX_LINK_ATTEMPTS = 3;

function toLink(row: DbRoleLinkRow): StoredRoleLink {
  return {
    roleId: row.role_id,
    groupRef: row.group_ref,
    createdBy: row.created_by,
    createdAt: readTimestamp(row.created_at),
  };
}

/** Portal links between roles and groups in the plugin's database, through knex. */
export class DatabaseRoleLinkStore extends KnexStore implements RoleLinkStore {
  async listLinks(
    filter: { roleIds?: string[]; groupRefs?: string[] } = {},
  ): Promise<StoredRoleLink[]> {
    const rows = await this.selectRows<DbRoleLinkRow>(
      TABLE,
      ['role_id', 'group_ref'],
      { role_id: filter.roleIds, group_ref: filter.groupRefs },
    );
    return rows.map(toLink);
  }

  async revision(): Promise<string> {
    return this.readRevision(REVISION_TABLE);
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
    // A concurrent unlink can remove the link between a failed insert and the read that follows;
    // then the insert is tried again. Each round needs another change by another request.
    for (let attempt = 0; attempt < MAX_LINK_ATTEMPTS; attempt++) {
      const made = await this.tryAddLink(link);
      if (made) {
        return made;
      }
    }
    throw new ServiceUnavailableError(
      `The link of role '${link.roleId}' to '${link.groupRef}' kept being removed while it was being made; try again`,
    );
  }

  async removeLink(link: {
    roleId: string;
    groupRef: string;
  }): Promise<StoredRoleLink | undefined> {
    const where = { role_id: link.roleId, group_ref: link.groupRef };
    // The link read is deleted only as it was read (same maker, same time), so the link returned
    // is the one removed even when concurrent calls remove and make it again in between. No row
    // is locked: on MySQL a locking read of a missing row takes gap locks that deadlock with
    // concurrent inserts.
    for (let attempt = 0; attempt < MAX_LINK_ATTEMPTS; attempt++) {
      const row = await this.db<DbRoleLinkRow>(TABLE).where(where).first();
      if (!row) {
        return undefined;
      }
      const deleted = await this.db<DbRoleLinkRow>(TABLE)
        .where({
          ...where,
          created_by: row.created_by,
          created_at: row.created_at,
        })
        .delete();
      if (deleted > 0) {
        await this.raiseRevision(REVISION_TABLE);
        return toLink(row);
      }
    }
    throw new ServiceUnavailableError(
      `The link of role '${link.roleId}' to '${link.groupRef}' kept changing while it was being removed; try again`,
    );
  }

  /** One round of {@link addLink}; undefined when the link vanished under it. */
  private async tryAddLink(link: {
    roleId: string;
    groupRef: string;
    createdBy: string;
  }): Promise<{ link: StoredRoleLink; created: boolean } | undefined> {
    const existing = await this.find(link);
    if (existing) {
      return { link: existing, created: false };
    }
    const row: DbRoleLinkRow = {
      role_id: link.roleId,
      group_ref: link.groupRef,
      created_by: link.createdBy,
      created_at: new Date(),
    };
    // Concurrent calls for the same link all reach this insert; the primary key lets exactly one
    // of them through, and that one alone reports the link as created.
    try {
      await this.db<DbRoleLinkRow>(TABLE).insert(row);
    } catch (error) {
      if (!isDatabaseConflictError(error)) {
        throw error;
      }
      const stored = await this.find(link);
      return stored && { link: stored, created: false };
    }
    await this.raiseRevision(REVISION_TABLE);
    // Made here; a concurrent unlink may have removed it already, and it was created all the same.
    return { link: (await this.find(link)) ?? toLink(row), created: true };
  }

  private async find(link: { roleId: string; groupRef: string }) {
    const row = await this.db<DbRoleLinkRow>(TABLE)
      .where({ role_id: link.roleId, group_ref: link.groupRef })
      .first();
    return row && toLink(row);
  }
}
