// @ts-check

/**
 * The daily history of coverage: one snapshot a day, taken by whichever replica runs the task
 * first, and the counts of that day per pillar for the whole catalog, each owner Group (its
 * sub-groups' Systems included) and each Domain. Nothing is backfilled: history starts with the
 * first snapshot.
 */
const COMMENTS = {
  snapshots: 'One row per day on which coverage was counted',
  snapshotDay: 'The UTC day, YYYY-MM-DD; its key keeps one snapshot a day',
  takenAt: 'When the counts were taken',
  counts:
    'How many Systems were in each coverage state, per day, scope and pillar',
  countDay: 'The day of the snapshot, as in coverage_snapshots',
  scopeRef:
    'Empty for every System, or the lower-case ref of an owner Group or a Domain',
  pillarId: 'The pillar, e.g. security',
};

/** The coverage states, as columns and as the API names them. */
const STATES = [
  ['covered', 'covered'],
  ['partly', 'partly'],
  ['gap', 'gap'],
  ['not_needed', 'not-needed'],
];

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  const c = COMMENTS;
  await knex.schema.createTable('coverage_snapshots', table => {
    table.comment(c.snapshots);
    table.string('day', 10).primary().comment(c.snapshotDay);
    table
      .timestamp('taken_at', { useTz: true })
      .notNullable()
      .comment(c.takenAt);
  });
  await knex.schema.createTable('coverage_snapshot_counts', table => {
    table.comment(c.counts);
    table.string('day', 10).notNullable().comment(c.countDay);
    table.string('scope_ref', 255).notNullable().comment(c.scopeRef);
    table.string('pillar_id', 64).notNullable().comment(c.pillarId);
    for (const [column, state] of STATES) {
      const comment = `How many Systems were in the state ${state}`;
      table.integer(column).notNullable().comment(comment);
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
