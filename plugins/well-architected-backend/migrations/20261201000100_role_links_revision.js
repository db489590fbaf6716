// @ts-check

const { revisionTableMigration } = require('./lib/revisionTable');

/**
 * A counter of changes to role_links. Answers built from the links (suggested reviewers) are
 * cached under it; every replica reads the same row, so a link made or removed on one replica
 * shows on all of them at once. It replaces a "stamp" of the number of links and the newest
 * created_at, which missed a removal and an addition between two reads, and rounds to whole
 * seconds on MySQL.
 */
module.exports = revisionTableMigration({
  table: 'role_links_revision',
  counted: 'role_links',
  raisedBy: 'with every link made or removed',
});
