import { LoggerService } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { durationToMilliseconds } from '@backstage/types';

/** The catalog reads this plugin makes. */
export type CatalogReads = Pick<
  CatalogService,
  'getEntities' | 'getEntitiesByRefs' | 'queryEntities'
>;

/** How long a catalog read may take when `wellArchitected.catalogTimeout` is not set. */
const DEFAULT_TIMEOUT_MS = 10_000;

/** `wellArchitected.catalogTimeout` in milliseconds. */
export function readCatalogTimeout(config: Config): number {
  const key = 'wellArchitected.catalogTimeout';
  return config.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : DEFAULT_TIMEOUT_MS;
}

function bounded<T>(read: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new Error(`the catalog did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  return Promise.race([read, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The catalog reads with a time limit: a slow catalog fails the read after `timeoutMs`, and the
 * caller answers 503 instead of holding the request (and its connection) until the catalog wakes.
 */
export function boundedCatalog(
  catalog: CatalogReads,
  timeoutMs: number,
): CatalogReads {
  return {
    getEntities: (request, options) =>
      bounded(catalog.getEntities(request, options), timeoutMs),
    getEntitiesByRefs: (request, options) =>
      bounded(catalog.getEntitiesByRefs(request, options), timeoutMs),
    queryEntities: (request, options) =>
      bounded(catalog.queryEntities(request, options), timeoutMs),
  };
}

/**
 * The catalog reads of requests: a failed read is logged and becomes the one 503 the API answers
 * when the catalog fails, whichever endpoint needed it.
 */
export function requestCatalog(
  catalog: CatalogReads,
  logger: LoggerService,
): CatalogReads {
  async function read<T>(answer: Promise<T>): Promise<T> {
    try {
      return await answer;
    } catch (error) {
      logger.warn(`Catalog read failed: ${String(error)}`);
      throw new ServiceUnavailableError(
        'The catalog did not answer, so this cannot be answered right now; try again shortly',
      );
    }
  }
  return {
    getEntities: (request, options) =>
      read(catalog.getEntities(request, options)),
    getEntitiesByRefs: (request, options) =>
      read(catalog.getEntitiesByRefs(request, options)),
    queryEntities: (request, options) =>
      read(catalog.queryEntities(request, options)),
  };
}
