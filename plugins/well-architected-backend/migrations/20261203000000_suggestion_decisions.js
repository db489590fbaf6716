// @ts-check

/**
 * What owners decided about a role suggested for one of their Systems or Components: accepted,
 * with the reviewer group they pinned, or dismissed, with a reason and an optional expiry. One
 * decision per entity and role; undoing it deletes the row. entity_ref and role_id have no foreign
 * key: the evaluation of an entity is replaced every round and roles are retired, not deleted,
 * and a decision outlives both.
 */
const COMMENTS = {
  table:
    'Accepted and dismissed role suggestions, per System or Component and role',
  entityRef: 'Lower-case entity ref, e.g. system:default/payments',
  roleId: 'Role id from the dataset, e.g. site-reliability-engineer',
  decision: 'accepted or dismissed',
  groupRef: 'Accepted: lower-case ref of the reviewer Group pinned',
  reason: 'Dismissed: not-applicable, covered-elsewhere or other',
  reasonText:
    'Dismissed: where it is covered (covered-elsewhere) or why (other)',
  expiresAt: 'Dismissed: when the suggestion comes back; never when null',
  ruleIds:
    'Comma-separated ids of the rules behind the suggestion when it was decided',
  decidedBy: 'Entity ref of the user (or the service) that decided',
  decidedAt: 'When the decision was made',
};

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  const c = COMMENTS;
  const withTimeZone = { useTz: true };
  await knex.schema.createTable('suggestion_decisions', table => {
    table.comment(c.table);
    table.string('entity_ref', 255).notNullable().comment(c.entityRef);
    table.string('role_id', 128).notNullable().comment(c.roleId);
    table.string('decision', 16).notNullable().comment(c.decision);
    table.string('group_ref', 255).nullable().comment(c.groupRef);
    table.string('reason', 32).nullable().comment(c.reason);
    table.string('reason_text', 500).nullable().comment(c.reasonText);
    table.timestamp('expires_at', withTimeZone).nullable().comment(c.expiresAt);
    table.string('rule_ids', 1000).notNullable().comment(c.ruleIds);
    table.string('decided_by', 255).notNullable().comment(c.decidedBy);
    table
      .timestamp('decided_at', withTimeZone)
      .notNullable()
      .defaultTo(knex.fn.now())
      .comment(c.decidedAt);
    table.primary(['entity_ref', 'role_id']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('suggestion_decisions');
};
