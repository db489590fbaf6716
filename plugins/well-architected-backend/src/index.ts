/**
 * Backend of the Well-Architected roles plugin: the role dataset in a knex-managed database,
 * served under `/api/well-architected`.
 *
 * @packageDocumentation
 */

export { wellArchitectedPlugin as default } from './plugin';
export { wellArchitectedCatalogReadsServiceRef } from './services/catalogReads';
