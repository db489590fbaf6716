import { mockCredentials } from '@backstage/backend-test-utils';
import { memoryCache } from '../__testUtils__/memoryCache';
import { CatalogReads } from './boundedCatalog';
import { CATALOG_CACHE_TTL_MS, cachedCatalog } from './cachedCatalog';

describe('cachedCatalog', () => {
  const group = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'sre-team', namespace: 'default' },
  };
  const alice = mockCredentials.user('user:default/alice');
  const bob = mockCredentials.user('user:default/bob');
  const request = { entityRefs: ['group:default/sre-team'] };

  function setup() {
    const catalog = {
      getEntities: jest.fn(async () => ({ items: [group] })),
      getEntitiesByRefs: jest.fn(async () => ({ items: [group] })),
    };
    return {
      catalog,
      cached: cachedCatalog(catalog as CatalogReads, memoryCache()),
    };
  }

  afterEach(() => jest.useRealTimers());

  it('answers the same request of the same caller from the cache', async () => {
    const { catalog, cached } = setup();
    const first = await cached.getEntitiesByRefs(request, {
      credentials: alice,
    });
    const second = await cached.getEntitiesByRefs(request, {
      credentials: alice,
    });
    expect(second).toEqual(first);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
  });

  it('asks the catalog for each caller, each request and each operation', async () => {
    const { catalog, cached } = setup();
    await cached.getEntitiesByRefs(request, { credentials: alice });
    await cached.getEntitiesByRefs(request, { credentials: bob });
    await cached.getEntitiesByRefs(
      { entityRefs: ['group:default/web-team'] },
      { credentials: alice },
    );
    await cached.getEntities(
      { filter: { kind: 'group' } },
      { credentials: alice },
    );
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(3);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith(request, {
      credentials: bob,
    });
    expect(catalog.getEntities).toHaveBeenCalledTimes(1);
  });

  it('asks the catalog again once the answer is older than the TTL', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-29T10:00:00Z') });
    const { catalog, cached } = setup();
    await cached.getEntitiesByRefs(request, { credentials: alice });
    jest.setSystemTime(Date.now() + CATALOG_CACHE_TTL_MS + 1);
    await cached.getEntitiesByRefs(request, { credentials: alice });
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed read', async () => {
    const { catalog, cached } = setup();
    catalog.getEntitiesByRefs.mockRejectedValueOnce(new Error('down'));
    await expect(
      cached.getEntitiesByRefs(request, { credentials: alice }),
    ).rejects.toThrow('down');
    await expect(
      cached.getEntitiesByRefs(request, { credentials: alice }),
    ).resolves.toEqual({ items: [group] });
  });
});
