// @ts-check

/**
 * The migration of a counter of changes to `counted`: a table of one row, id "current", whose
 * revision starts at 0. What is cached under it is read again when the revision moves, and every
 * replica reads the same row. Going down drops the table.
 *
 * @param {{ table: string, counted: string, raisedBy: string }} options the table's name, the
 *   name of what it counts, and what raises its revision
 */
exports.revisionTableMigration = function revisionTableMigration({
  table: name,
  counted,
  raisedBy,
}) {
  return {
    /** @param {import('knex').Knex} knex */
    async up(knex) {
      await knex.schema.createTable(name, table => {
        table
          .string('id', 32)
          .primary()
          .comment('Always "current": the table holds one row');
        table
          .bigInteger('revision')
          .notNullable()
          .defaultTo(0)
          .comment(`Raised by one ${raisedBy}`);
        table.comment(`How many times ${counted} has changed: one row`);
      });
      await knex(name).insert({ id: 'current', revision: 0 });
    },

    /** @param {import('knex').Knex} knex */
    async down(knex) {
      await knex.schema.dropTable(name);
    },
  };
};
