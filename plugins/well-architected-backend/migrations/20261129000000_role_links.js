// @ts-check

/**
 * Links between roles and Backstage groups made in the portal. Links from the catalog (the
 * `well-architected/roles` annotation of Group entities) are read from the catalog and never
 * stored here. role_id has no foreign key on purpose: a dataset update retires roles rather than
 * deleting them, and a link to a retired role is kept and reported, not removed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('role_links', table => {
    table.comment('Role to group links made in the portal');
    table
      .string('role_id', 128)
      .notNullable()
      .comment('Role id from the dataset, e.g. site-reliability-engineer');
    table
      .string('group_ref', 255)
      .notNullable()
      .comment(
        'Lower-case entity ref of the Group, e.g. group:default/sre-team',
      );
    table
      .string('created_by', 255)
      .notNullable()
      .comment('Entity ref of the user (or the service) that made the link');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now())
      .comment('When the link was made');
    table.primary(['role_id', 'group_ref']);
    table.index(['group_ref'], 'role_links_group_ref_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('role_links');
};
