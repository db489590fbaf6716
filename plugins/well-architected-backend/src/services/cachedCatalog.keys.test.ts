import { mockCredentials } from '@backstage/backend-test-utils';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { memoryCache } from '../__testUtils__/memoryCache';
import { CatalogReads } from './boundedCatalog';
import { cachedCatalog, filterKey } from './cachedCatalog';

describe('cache keys of catalog reads', () => {
  const credentials = mockCredentials.user('user:default/alice');

  it('tells a filter on an existing key from a filter without it', async () => {
    const catalog = {
      getEntities: jest.fn(async () => ({ items: [] })),
      getEntitiesByRefs: jest.fn(async () => ({ items: [] })),
    };
    const cached = cachedCatalog(catalog as CatalogReads, memoryCache());
    await cached.getEntities(
      {
        filter: {
          kind: 'group',
          'metadata.annotations.well-architected/roles': CATALOG_FILTER_EXISTS,
        },
      },
      { credentials },
    );
    await cached.getEntities({ filter: { kind: 'group' } }, { credentials });
    expect(catalog.getEntities).toHaveBeenCalledTimes(2);
  });

  it('names symbols, keeps value order, and ignores the order of filter keys', () => {
    expect(filterKey({ b: ['2', '1'], a: CATALOG_FILTER_EXISTS })).toEqual([
      [
        ['a', `symbol:${CATALOG_FILTER_EXISTS.description}`],
        ['b', 'value:2', 'value:1'],
      ],
    ]);
    expect(filterKey({ a: 'x', b: 'y' })).toEqual(
      filterKey({ b: 'y', a: 'x' }),
    );
    expect(filterKey([{ a: 'x' }, { a: 'y' }])).not.toEqual(
      filterKey([{ a: 'x' }]),
    );
    expect(filterKey(undefined)).toEqual([]);
  });
});
