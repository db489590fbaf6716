import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogReads } from './boundedCatalog';
import { normalizeRef } from './RoleLinkService';

/** What is read of each entity an answer names: enough to know the caller may read it. */
const VISIBILITY_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

/**
 * Which of `refs` the caller may read, in one catalog request, with the caller's credentials, that
 * returns names only. Answers built from the stored evaluation leave out what this says no to.
 */
export async function readableRefs(
  catalog: Pick<CatalogReads, 'getEntitiesByRefs'>,
  refs: string[],
  credentials: BackstageCredentials,
): Promise<(ref: string) => boolean> {
  const unique = [...new Set(refs.map(normalizeRef))];
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: unique, fields: VISIBILITY_FIELDS },
    { credentials },
  );
  const readable = new Set(unique.filter((_, i) => Boolean(items[i])));
  return ref => readable.has(normalizeRef(ref));
}
