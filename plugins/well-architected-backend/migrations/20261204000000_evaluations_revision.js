// @ts-check

const { revisionTableMigration } = require('./lib/revisionTable');

/**
 * A counter of changes to the stored evaluation. The coverage answers hold the evaluations of
 * every System in memory under it, instead of reading and parsing them all for each request; every
 * replica reads the same row, so a round on one replica shows on all of them at once.
 */
module.exports = revisionTableMigration({
  table: 'evaluations_revision',
  counted: 'evaluations',
  raisedBy: 'after every write or removal of evaluations',
});
