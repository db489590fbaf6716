import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { CatalogClient } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogReads } from './boundedCatalog';

/**
 * A fetch that asks for answers without compression. The catalog compresses an answer when the
 * request accepts it, as Node's fetch does by default; between two plugins of one backend, or two
 * backends next to each other, compressing costs more CPU than the bytes it saves, and the
 * catalog writes a list one entity at a time, so each entity is a deflate job of its own.
 */
export const uncompressedFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('accept-encoding', 'identity');
  return fetch(input, { ...init, headers });
};

/**
 * The catalog reads of the plugin over Backstage's catalog client, each with a token on behalf of
 * the credentials it is given, as `catalogServiceRef` makes them, and answered without compression.
 */
export function uncompressedCatalogReads(options: {
  auth: AuthService;
  discovery: DiscoveryService;
}): CatalogReads {
  const { auth, discovery } = options;
  const client = new CatalogClient({
    discoveryApi: discovery,
    fetchApi: { fetch: uncompressedFetch },
  });
  const tokenFor = (credentials: BackstageCredentials) =>
    auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'catalog',
    });
  return {
    getEntities: async (request, { credentials }) =>
      client.getEntities(request, await tokenFor(credentials)),
    getEntitiesByRefs: async (request, { credentials }) =>
      client.getEntitiesByRefs(request, await tokenFor(credentials)),
    queryEntities: async (request, { credentials }) =>
      client.queryEntities(request, await tokenFor(credentials)),
  };
}

/**
 * The catalog as the Well-Architected plugin reads it: by default Backstage's catalog client,
 * with a token on behalf of the caller as `catalogServiceRef` makes it, asking for answers without
 * compression. A backend that installs a catalog service of its own for `catalogServiceRef`, or a
 * test with `catalogServiceMock`, installs a factory for this ref that returns that catalog
 * service (the backend README shows one).
 *
 * @public
 */
export const wellArchitectedCatalogReadsServiceRef = createServiceRef<
  Pick<CatalogService, 'getEntities' | 'getEntitiesByRefs' | 'queryEntities'>
>({
  id: 'well-architected.catalog-reads',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { auth: coreServices.auth, discovery: coreServices.discovery },
      factory: uncompressedCatalogReads,
    }),
});
