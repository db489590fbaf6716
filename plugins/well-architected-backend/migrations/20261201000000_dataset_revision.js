// @ts-check

/**
 * The order of dataset versions. A version is a hash of the content, so it says nothing about
 * which of two datasets is newer; the revision does. During a rolling deploy an older replica that
 * restarts must not load its older dataset over the newer one that a newer replica loaded, which
 * would retire the newer roles for every replica.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dataset_state', table => {
    table
      .integer('revision')
      .notNullable()
      .defaultTo(0)
      .comment(
        'Revision of the loaded dataset (roles.yaml `revision`); a replica never loads a lower one over it. 0: loaded before revisions existed',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dataset_state', table => {
    table.dropColumn('revision');
  });
};
