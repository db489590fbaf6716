import { Dataset } from '../dataset/types';
import {
  bundledDataset,
  inMemoryRoleStore,
} from '../__testUtils__/testDataset';
import {
  RoleDataset,
  RoleDatasetSnapshot,
  VERSION_CHECK_MS,
} from './RoleDataset';

describe('RoleDatasetSnapshot.listRolesJson', () => {
  const queries = [
    {},
    { limit: 100, offset: 0 },
    { pillar: 'security' as const, limit: 100, offset: 0 },
    { q: 'sre', limit: 5, offset: 1 },
  ];

  it('answers what listRoles answers, as JSON', async () => {
    const snapshot = new RoleDatasetSnapshot(await bundledDataset());
    for (const query of queries) {
      expect(JSON.parse(snapshot.listRolesJson(query).toString())).toEqual(
        snapshot.listRoles(query),
      );
    }
  });

  it('serializes each query once per snapshot', async () => {
    const snapshot = new RoleDatasetSnapshot(await bundledDataset());
    const listRoles = jest.spyOn(snapshot, 'listRoles');
    for (const query of [...queries, ...queries]) {
      snapshot.listRolesJson(query);
    }
    expect(listRoles).toHaveBeenCalledTimes(queries.length);
  });

  it('keeps refusing an unknown category', async () => {
    const snapshot = new RoleDatasetSnapshot(await bundledDataset());
    expect(() => snapshot.listRolesJson({ category: 'nope' })).toThrow(
      /Unknown category 'nope'/,
    );
  });
});

describe('RoleDatasetSnapshot.findRole', () => {
  it('finds a role by id, title or alias in any case, and none by an alias two roles share', async () => {
    const dataset = await bundledDataset();
    const shared = ['site-reliability-engineer', 'devops-engineer'];
    const snapshot = new RoleDatasetSnapshot({
      ...dataset,
      roles: dataset.roles.map(role =>
        shared.includes(role.id)
          ? { ...role, aliases: [...role.aliases, 'Uptime Person'] }
          : role,
      ),
    });
    const found = (text: string) => snapshot.findRole(text)?.id;
    expect(
      ['site-reliability-engineer', ' Site Reliability ENGINEER', 'sre'].map(
        found,
      ),
    ).toEqual(Array(3).fill('site-reliability-engineer'));
    expect(found('uptime person')).toBeUndefined();
    expect(found('reliability')).toBeUndefined();
  });
});

describe('RoleDataset', () => {
  let dataset: Dataset;
  let clock: number;
  /** Lets a background check run to its end. */
  const settle = () => new Promise(resolve => setImmediate(resolve));

  beforeEach(async () => {
    dataset = await bundledDataset();
    clock = 0;
  });

  it('reads the stored version at most once a second', async () => {
    const store = inMemoryRoleStore(dataset);
    const catalog = new RoleDataset(store, () => clock);
    for (let i = 0; i < 10; i++) {
      expect((await catalog.current()).version).toBe(dataset.version);
    }
    expect(store.getDatasetVersion).toHaveBeenCalledTimes(1);
    expect(store.readStoredDataset).toHaveBeenCalledTimes(1);

    clock += VERSION_CHECK_MS;
    await catalog.current();
    await settle();
    expect(store.getDatasetVersion).toHaveBeenCalledTimes(2);
    expect(store.readStoredDataset).toHaveBeenCalledTimes(1);
  });

  it('serves the version another replica loaded once it has checked again', async () => {
    const store = inMemoryRoleStore(dataset);
    const catalog = new RoleDataset(store, () => clock);
    await catalog.current();

    const next = { ...dataset, version: 'next', roles: dataset.roles.slice(1) };
    store.getDatasetVersion.mockResolvedValue(next.version);
    store.readStoredDataset.mockResolvedValue(next);
    clock += VERSION_CHECK_MS;
    expect((await catalog.current()).version).toBe(dataset.version);
    await settle();
    const current = await catalog.current();
    expect(current.version).toBe('next');
    expect(current.hasRole(dataset.roles[0].id)).toBe(false);
  });

  it('keeps serving the loaded version while the database cannot be reached', async () => {
    const store = inMemoryRoleStore(dataset);
    const catalog = new RoleDataset(store, () => clock);
    await catalog.current();

    store.getDatasetVersion.mockRejectedValue(new Error('ECONNREFUSED'));
    for (let i = 1; i <= 3; i++) {
      clock += VERSION_CHECK_MS;
      expect((await catalog.current()).version).toBe(dataset.version);
      await settle();
    }
    expect(store.getDatasetVersion).toHaveBeenCalledTimes(4);
  });

  it('answers 503 until a dataset is loaded, and fails when the first read fails', async () => {
    const store = inMemoryRoleStore(undefined);
    const catalog = new RoleDataset(store, () => clock);
    await expect(catalog.current()).rejects.toThrow(/has not been loaded yet/);

    store.getDatasetVersion.mockRejectedValue(new Error('ECONNREFUSED'));
    await expect(catalog.current()).rejects.toThrow('ECONNREFUSED');

    store.getDatasetVersion.mockResolvedValue(dataset.version);
    store.readStoredDataset.mockResolvedValue(dataset);
    expect((await catalog.current()).version).toBe(dataset.version);
  });
});
