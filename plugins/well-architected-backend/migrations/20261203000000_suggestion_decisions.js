// @ts-check

/**
 * What owners decided about a role suggested for one of their Systems or Components: accepted,
 * with the reviewer group they pinned, or dismissed, with a reason and an optional expiry. One
 * decision per entity and role; undoing it deletes the row. entity_ref and role_id have no foreign
 * key: the evaluation of an entity is replaced every round and roles are retired, not deleted,
 * and a decision outlives both.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('suggestion_decisions', table => {
    table.comment(
      'Accepted and dismissed role suggestions, per System or Component and role',
    );
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Lower-case entity ref, e.g. system:default/payments');
    table
      .string('role_id', 128)
      .notNullable()
      .comment('Role id from the dataset, e.g. site-reliability-engineer');
    table.string('decision', 16).notNullable().comment('accepted or dismissed');
    table
      .string('group_ref', 255)
      .nullable()
      .comment('Accepted: lower-case ref of the reviewer Group pinned');
    table
      .string('reason', 32)
      .nullable()
      .comment('Dismissed: not-applicable, covered-elsewhere or other');
    table
      .string('reason_text', 500)
      .nullable()
      .comment(
        'Dismissed: where it is covered (covered-elsewhere) or why (other)',
      );
    table
      .timestamp('expires_at', { useTz: true })
      .nullable()
      .comment('Dismissed: when the suggestion comes back; never when null');
    table
      .string('rule_ids', 1000)
      .notNullable()
      .comment(
        'Comma-separated ids of the rules behind the suggestion when it was decided',
      );
    table
      .string('decided_by', 255)
      .notNullable()
      .comment('Entity ref of the user (or the service) that decided');
    table
      .timestamp('decided_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now())
      .comment('When the decision was made');
    table.primary(['entity_ref', 'role_id']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('suggestion_decisions');
};
