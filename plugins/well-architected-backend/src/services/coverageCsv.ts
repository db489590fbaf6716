import {
  CoverageSystem,
  PillarId,
} from 'backstage-plugin-well-architected-common';

/**
 * A field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break. A field a
 * spreadsheet would run as a formula (a System's title is anybody's text) gets a `'` first.
 */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Coverage rows as CSV: a header, then one line per System with its ref, name, owner, Domain,
 * tier and lifecycles, and per pillar of `pillarIds` (the rows' cells in that order) its state
 * and the roles no group holds there.
 */
export function coverageCsv(
  pillarIds: readonly PillarId[],
  rows: CoverageSystem[],
): string {
  const header = [
    'system',
    'name',
    'owner',
    'domain',
    'tier',
    'lifecycles',
    ...pillarIds.flatMap(p => [p, `${p} missing roles`]),
  ];
  const lines = rows.map(row => [
    row.entityRef,
    row.name,
    row.ownerRef ?? '',
    row.domainRef ?? '',
    row.tier ?? '',
    row.lifecycles.join(' '),
    ...row.cells.flatMap(cell => [cell.state, cell.missingRoleIds.join(' ')]),
  ]);
  return `${[header, ...lines]
    .map(line => line.map(field).join(','))
    .join('\r\n')}\r\n`;
}
