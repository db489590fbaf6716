// @ts-check

/**
 * A counter of changes to role_links. Answers built from the links (suggested reviewers) are
 * cached under it; every replica reads the same row, so a link made or removed on one replica
 * shows on all of them at once. It replaces a "stamp" of the number of links and the newest
 * created_at, which missed a removal and an addition between two reads, and rounds to whole
 * seconds on MySQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('role_links_revision', table => {
    table
      .string('id', 32)
      .primary()
      .comment('Always "current": the table holds one row');
    table
      .bigInteger('revision')
      .notNullable()
      .defaultTo(0)
      .comment('Raised by one with every link made or removed');
    table.comment('How many times role_links has changed: one row');
  });
  await knex('role_links_revision').insert({ id: 'current', revision: 0 });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('role_links_revision');
};
