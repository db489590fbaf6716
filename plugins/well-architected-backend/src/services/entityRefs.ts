import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';

/**
 * Whether a parsed entity ref names an entity of the kind, given in lower case. The catalog
 * compares kinds without regard to case (`Group`, `group`), as catalog-model's guards do for
 * whole entities (`isGroupEntity`, `isSystemEntity`…); this is the same test for a ref, which
 * those guards do not take.
 */
export function isRefOfKind(
  ref: Pick<CompoundEntityRef, 'kind'>,
  kind: Lowercase<string>,
): boolean {
  return ref.kind.toLocaleLowerCase('en-US') === kind;
}

/** Whether an entity ref, as a string, names a System. */
export const isSystemRef = (ref: string): boolean =>
  isRefOfKind(parseEntityRef(ref), 'system');
