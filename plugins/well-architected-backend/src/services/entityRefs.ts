import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

const ENTITY_REF_HELP =
  'an entity ref looks like kind:namespace/name, for example system:default/payments';

/**
 * An entity ref that a caller wrote, parsed; an unparsable one gets a message that shows what a
 * ref looks like.
 */
export function parseEntityRefParameter(entityRef: string): CompoundEntityRef {
  try {
    return parseEntityRef(entityRef);
  } catch {
    throw new InputError(
      `Invalid entityRef '${entityRef.slice(0, 100)}': ${ENTITY_REF_HELP}`,
    );
  }
}

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
