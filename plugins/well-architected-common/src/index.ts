/**
 * Wire types and shared definitions of the Well-Architected roles plugins.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './permissions';
