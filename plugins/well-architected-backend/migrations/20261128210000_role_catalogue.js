// @ts-check

/**
 * The Well-Architected role catalogue: pillars, their categories, canonical roles and the
 * responsibilities that tie a role to a category. The dataset loader owns these rows; a dataset
 * update retires rows (sets retired_at) rather than deleting them, so that rows users create later
 * (links to roles) never point at a missing key.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pillars', table => {
    table.comment('Well-Architected pillars, loaded from the dataset');
    table.string('id', 64).primary().comment('Stable slug id, e.g. security');
    table.string('title', 255).notNullable().comment('Display title');
    table
      .integer('sort_order')
      .notNullable()
      .comment('Position among the pillars, from 1');
    table
      .timestamp('retired_at')
      .nullable()
      .comment('When a dataset update removed the pillar; null while active');
  });

  await knex.schema.createTable('categories', table => {
    table.comment('Categories inside a pillar, loaded from the dataset');
    table
      .string('id', 191)
      .primary()
      .comment('Stable id, <pillar id>/<category slug>');
    table
      .string('pillar_id', 64)
      .notNullable()
      .references('id')
      .inTable('pillars')
      .comment('The pillar the category belongs to');
    table.string('title', 255).notNullable().comment('Display title');
    table
      .integer('sort_order')
      .notNullable()
      .comment('Position inside the pillar, from 1');
    table
      .timestamp('retired_at')
      .nullable()
      .comment('When a dataset update removed the category; null while active');
  });

  await knex.schema.createTable('roles', table => {
    table.comment(
      'Canonical roles, from the curated mapping of dataset titles',
    );
    table
      .string('id', 128)
      .primary()
      .comment('Stable slug id, e.g. site-reliability-engineer');
    table.string('title', 255).notNullable().comment('Display title');
    table
      .text('aliases')
      .notNullable()
      .comment('JSON array of other names: dataset spellings, search terms');
    table
      .timestamp('retired_at')
      .nullable()
      .comment('When a dataset update removed the role; null while active');
  });

  await knex.schema.createTable('responsibilities', table => {
    table.comment(
      'Dataset entries: what a role does in one category of one pillar, verbatim',
    );
    table
      .string('id', 255)
      .primary()
      .comment('Stable id, <category id>/<entry title slug>');
    table
      .string('role_id', 128)
      .notNullable()
      .references('id')
      .inTable('roles')
      .comment('The canonical role that the entry describes');
    table
      .string('pillar_id', 64)
      .notNullable()
      .references('id')
      .inTable('pillars')
      .comment('The pillar of the entry');
    table
      .string('category_id', 191)
      .notNullable()
      .references('id')
      .inTable('categories')
      .comment('The category of the entry');
    table
      .string('title', 255)
      .notNullable()
      .comment("The entry's title, verbatim from the dataset");
    table
      .text('description')
      .notNullable()
      .comment("The entry's description, verbatim from the dataset");
    table
      .text('flags')
      .notNullable()
      .comment('JSON array of flags the text carries');
    table
      .integer('sort_order')
      .notNullable()
      .comment('Position inside the category, from 1');
    table
      .timestamp('retired_at')
      .nullable()
      .comment('When a dataset update removed the entry; null while active');
    table.index(['role_id'], 'responsibilities_role_id_idx');
  });

  await knex.schema.createTable('dataset_state', table => {
    table.comment('Which dataset version the catalogue tables hold');
    table
      .string('id', 32)
      .primary()
      .comment('Always "current": the table holds one row');
    table
      .string('version', 64)
      .notNullable()
      .comment('SHA-256 of the loaded dataset');
    table
      .timestamp('loaded_at')
      .notNullable()
      .comment('When that version was loaded');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dataset_state');
  await knex.schema.dropTable('responsibilities');
  await knex.schema.dropTable('roles');
  await knex.schema.dropTable('categories');
  await knex.schema.dropTable('pillars');
};
