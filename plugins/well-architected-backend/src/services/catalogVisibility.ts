import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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

/**
 * Whether the permission policy lets the caller read every entity of the catalog (an ALLOW
 * without conditions, as for service credentials or a policy that lets everyone read the
 * catalog). Then an answer that names many entities needs no catalog request to learn which the
 * caller may read: only the entities that are in the catalog are in the stored evaluation, as of
 * its last round.
 */
export async function readsWholeCatalog(
  permissions: Pick<PermissionsService, 'authorizeConditional'>,
  credentials: BackstageCredentials,
): Promise<boolean> {
  const [decision] = await permissions.authorizeConditional(
    [{ permission: catalogEntityReadPermission }],
    { credentials },
  );
  return decision.result === AuthorizeResult.ALLOW;
}

/**
 * Which of the refs an answer would name the caller may read: all of them, without a catalog
 * request, when the policy lets the caller read the whole catalog (`wholeCatalog`, the answer of
 * {@link readsWholeCatalog}, asked beside the caller's other reads); otherwise what one catalog
 * request with the caller's credentials says of `refs()`.
 */
export async function visibilityOf(
  catalog: Pick<CatalogReads, 'getEntitiesByRefs'>,
  refs: () => string[],
  credentials: BackstageCredentials,
  wholeCatalog: boolean,
): Promise<(ref: string) => boolean> {
  return wholeCatalog ? () => true : readableRefs(catalog, refs(), credentials);
}
