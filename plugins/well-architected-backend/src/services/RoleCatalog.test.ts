import { bundledDataset } from '../__testUtils__/testDataset';
import { RoleCatalogSnapshot } from './RoleCatalog';

describe('RoleCatalogSnapshot.listRolesJson', () => {
  const queries = [
    {},
    { limit: 100, offset: 0 },
    { pillar: 'security' as const, limit: 100, offset: 0 },
    { q: 'sre', limit: 5, offset: 1 },
  ];

  it('answers what listRoles answers, as JSON', async () => {
    const snapshot = new RoleCatalogSnapshot(await bundledDataset());
    for (const query of queries) {
      expect(JSON.parse(snapshot.listRolesJson(query))).toEqual(
        snapshot.listRoles(query),
      );
    }
  });

  it('serializes each query once per snapshot', async () => {
    const snapshot = new RoleCatalogSnapshot(await bundledDataset());
    const listRoles = jest.spyOn(snapshot, 'listRoles');
    for (const query of [...queries, ...queries]) {
      snapshot.listRolesJson(query);
    }
    expect(listRoles).toHaveBeenCalledTimes(queries.length);
  });

  it('keeps refusing an unknown category', async () => {
    const snapshot = new RoleCatalogSnapshot(await bundledDataset());
    expect(() => snapshot.listRolesJson({ category: 'nope' })).toThrow(
      /Unknown category 'nope'/,
    );
  });
});
