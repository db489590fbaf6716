import { createHash } from 'node:crypto';
import {
  BackstageCredentials,
  CacheService,
} from '@backstage/backend-plugin-api';
import { EntityFilterQuery } from '@backstage/catalog-client';
import { JsonArray, JsonValue } from '@backstage/types';
import { CatalogReads } from './boundedCatalog';

/**
 * How long a catalog answer is reused. Short: an entity changed in the catalog shows within
 * seconds, as it would after the catalog's own processing delay.
 */
export const CATALOG_CACHE_TTL_MS = 5_000;

/** Who is asking: each caller sees only what the catalog lets it see. */
export function callerKey({ principal }: BackstageCredentials): string {
  const p = principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return `${p.type}:${p.userEntityRef ?? p.subject ?? ''}`;
}

/**
 * A catalog filter as key text. Built explicitly rather than with `JSON.stringify`, which drops
 * symbol values such as `CATALOG_FILTER_EXISTS` and so would give `{ a: EXISTS }` and `{}` one key.
 * Each alternative's keys are sorted; values keep their order; a symbol is named as one.
 */
export function filterKey(filter: EntityFilterQuery | undefined): JsonArray {
  const alternatives = filter === undefined ? [] : [filter].flat();
  return alternatives.map(alternative =>
    Object.keys(alternative)
      .sort()
      .map(key => [
        key,
        ...[alternative[key]]
          .flat()
          .map(value =>
            typeof value === 'symbol'
              ? `symbol:${value.description}`
              : `value:${value}`,
          ),
      ]),
  );
}

/**
 * The answer cached under `key` (JSON, hashed) for a few seconds, or `compute`'s, which is then
 * cached. A failed computation is not cached.
 */
export async function readThrough<T>(
  cache: CacheService,
  key: JsonArray,
  compute: () => Promise<T>,
): Promise<T> {
  const hashed = createHash('sha1')
    .update(JSON.stringify(key))
    .digest('base64url');
  const hit = await cache.get(hashed);
  if (hit !== undefined) {
    return hit as T;
  }
  const answer = await compute();
  await cache.set(hashed, answer as JsonValue, { ttl: CATALOG_CACHE_TTL_MS });
  return answer;
}

/**
 * The catalog reads, each answer kept for a few seconds per caller and request. A suggestions
 * request reads the same Groups, members and neighbours on every call for an entity; the catalog
 * answers them once per caller in that time. Only catalog answers are cached here: the plugin's
 * own role links are read from the database on every request, so that a link made on another
 * replica shows at once.
 */
export function cachedCatalog(
  catalog: CatalogReads,
  cache: CacheService,
): CatalogReads {
  return {
    getEntities: (request = {}, options) =>
      readThrough(
        cache,
        [
          'getEntities',
          callerKey(options.credentials),
          filterKey(request.filter),
          request.fields ?? null,
          [request.order ?? []].flat().map(o => [o.field, o.order]),
          request.offset ?? null,
          request.limit ?? null,
          request.after ?? null,
        ],
        () => catalog.getEntities(request, options),
      ),
    getEntitiesByRefs: (request, options) =>
      readThrough(
        cache,
        [
          'getEntitiesByRefs',
          callerKey(options.credentials),
          request.entityRefs,
          request.fields ?? null,
          filterKey(request.filter),
        ],
        () => catalog.getEntitiesByRefs(request, options),
      ),
  };
}
