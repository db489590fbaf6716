import { DismissReason } from 'backstage-plugin-well-architected-common';
import { KnexStore, readTimestamp } from './connectDatabase';
import { DecisionStore, StoredDecision } from './DecisionStore';
import { DbSuggestionDecisionRow } from './tables';

const TABLE = 'suggestion_decisions';

function toDecision(row: DbSuggestionDecisionRow): StoredDecision {
  return {
    entityRef: row.entity_ref,
    roleId: row.role_id,
    decision: row.decision,
    ...(row.group_ref !== null && { groupRef: row.group_ref }),
    ...(row.reason !== null && { reason: row.reason as DismissReason }),
    ...(row.reason_text !== null && { reasonText: row.reason_text }),
    ...(row.expires_at !== null && {
      expiresAt: readTimestamp(row.expires_at),
    }),
    ruleIds: row.rule_ids ? row.rule_ids.split(',') : [],
    decidedBy: row.decided_by,
    decidedAt: readTimestamp(row.decided_at),
  };
}

/** Decisions about suggested roles in the plugin's database, through knex. */
export class DatabaseDecisionStore extends KnexStore implements DecisionStore {
  async listDecisions(
    filter: { entityRefs?: string[]; now?: Date } = {},
  ): Promise<StoredDecision[]> {
    const rows = await this.selectRows<DbSuggestionDecisionRow>(
      TABLE,
      ['entity_ref', 'role_id'],
      { entity_ref: filter.entityRefs },
    );
    const decisions = rows.map(toDecision);
    // Expiry is compared here rather than in SQL: the drivers store timestamps differently
    // (SQLite as numbers), and the decisions of a request are few.
    const { now } = filter;
    return now
      ? decisions.filter(d => !d.expiresAt || d.expiresAt > now)
      : decisions;
  }

  async saveDecision(
    decision: Omit<StoredDecision, 'decidedAt'>,
  ): Promise<StoredDecision> {
    const row: DbSuggestionDecisionRow = {
      entity_ref: decision.entityRef,
      role_id: decision.roleId,
      decision: decision.decision,
      group_ref: decision.groupRef ?? null,
      reason: decision.reason ?? null,
      reason_text: decision.reasonText ?? null,
      expires_at: decision.expiresAt ?? null,
      rule_ids: decision.ruleIds.join(','),
      decided_by: decision.decidedBy,
      decided_at: new Date(),
    };
    // One statement, so that concurrent decisions about the same role leave the last one.
    await this.db<DbSuggestionDecisionRow>(TABLE)
      .insert(row)
      .onConflict(['entity_ref', 'role_id'])
      .merge();
    return (await this.find(decision)) ?? toDecision(row);
  }

  async removeDecision(key: {
    entityRef: string;
    roleId: string;
  }): Promise<StoredDecision | undefined> {
    const found = await this.find(key);
    if (found) {
      await this.db<DbSuggestionDecisionRow>(TABLE)
        .where({ entity_ref: key.entityRef, role_id: key.roleId })
        .delete();
    }
    return found;
  }

  private async find(key: { entityRef: string; roleId: string }) {
    const row = await this.db<DbSuggestionDecisionRow>(TABLE)
      .where({ entity_ref: key.entityRef, role_id: key.roleId })
      .first();
    return row && toDecision(row);
  }
}
