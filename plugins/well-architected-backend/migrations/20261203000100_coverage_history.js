// @ts-check

/**
 * The daily history of coverage: one snapshot a day, taken by whichever replica runs the task
 * first, and the counts of that day per pillar for the whole catalog, each owner Group (its
 * sub-groups' Systems included) and each Domain. Nothing is backfilled: history starts with the
 * first snapshot.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('coverage_snapshots', table => {
    table.comment('One row per day on which coverage was counted');
    table
      .string('day', 10)
      .primary()
      .comment('The UTC day, YYYY-MM-DD; its key keeps one snapshot a day');
    table
      .timestamp('taken_at', { useTz: true })
      .notNullable()
      .comment('When the counts were taken');
  });
  await knex.schema.createTable('coverage_snapshot_counts', table => {
    table.comment(
      'How many Systems were in each coverage state, per day, scope and pillar',
    );
    table
      .string('day', 10)
      .notNullable()
      .comment('The day of the snapshot, as in coverage_snapshots');
    table
      .string('scope_ref', 255)
      .notNullable()
      .comment(
        'Empty for every System, or the lower-case ref of an owner Group or a Domain',
      );
    table
      .string('pillar_id', 64)
      .notNullable()
      .comment('The pillar, e.g. security');
    for (const [column, state] of [
      ['covered', 'covered'],
      ['partly', 'partly'],
      ['gap', 'gap'],
      ['not_needed', 'not-needed'],
    ]) {
      table
        .integer(column)
        .notNullable()
        .comment(`How many Systems were in the state ${state}`);
    }
    table.primary(['day', 'scope_ref', 'pillar_id']);
    table.index(['scope_ref', 'day'], 'coverage_snapshot_counts_scope_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('coverage_snapshot_counts');
  await knex.schema.dropTable('coverage_snapshots');
};
