/**
 * Extension points and rule types for backend modules of the Well-Architected roles plugin.
 *
 * @packageDocumentation
 */

export * from './extensions';
export * from './types';
export * from './permissions';
