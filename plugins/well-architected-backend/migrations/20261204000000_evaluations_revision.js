// @ts-check

/**
 * A counter of changes to the stored evaluation. The coverage answers hold the evaluations of
 * every System in memory under it, instead of reading and parsing them all for each request; every
 * replica reads the same row, so a round on one replica shows on all of them at once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('evaluations_revision', table => {
    table
      .string('id', 32)
      .primary()
      .comment('Always "current": the table holds one row');
    table
      .bigInteger('revision')
      .notNullable()
      .defaultTo(0)
      .comment('Raised by one after every write or removal of evaluations');
    table.comment('How many times evaluations has changed: one row');
  });
  await knex('evaluations_revision').insert({ id: 'current', revision: 0 });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('evaluations_revision');
};
