// @ts-check

/**
 * The evaluation of the catalog, kept between rounds of the background task: the suggested roles
 * of every System and Component, with what each result was computed from, so that a round only
 * evaluates the entities whose inputs changed; and the organisation (Groups, their hierarchy,
 * members, the roles their catalog annotation declares) that requests rank reviewers with.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('evaluations', table => {
    table.comment(
      'The suggested roles of each System and Component, as the last round evaluated them',
    );
    table
      .string('entity_ref', 255)
      .primary()
      .comment('Lower-case entity ref, e.g. system:default/payments');
    table
      .text('result', 'longtext')
      .notNullable()
      .comment(
        'The evaluation as JSON: suggested roles, reasons, owner, domain',
      );
    table
      .string('entity_etag', 255)
      .notNullable()
      .comment('metadata.etag of the entity when it was evaluated');
    table
      .string('neighbourhood_hash', 64)
      .notNullable()
      .comment('Hash of the refs and etags of every entity the rules read');
    table
      .string('dataset_version', 255)
      .notNullable()
      .comment('Version of the role dataset the result was computed with');
    table
      .string('rule_config_hash', 64)
      .notNullable()
      .comment(
        'Hash of the rules and signal vocabulary the result was computed with',
      );
    table
      .timestamp('evaluated_at', { useTz: true })
      .notNullable()
      .comment('When the result was computed');
  });
  await knex.schema.createTable('evaluation_organisation', table => {
    table.comment(
      'The organisation read by the last evaluation round: one row, replaced when it changes',
    );
    table
      .string('id', 32)
      .primary()
      .comment('Always "current": the table holds one row');
    table
      .string('hash', 64)
      .notNullable()
      .comment(
        'Hash of the organisation JSON; requests reload it when it changes',
      );
    table
      .text('organisation', 'longtext')
      .notNullable()
      .comment(
        'Groups with their parents, children, members and declared roles; domain owners',
      );
    table
      .timestamp('evaluated_at', { useTz: true })
      .notNullable()
      .comment('When the round that read it ran');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('evaluation_organisation');
  await knex.schema.dropTable('evaluations');
};
