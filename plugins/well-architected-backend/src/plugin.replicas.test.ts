import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { wellArchitectedPlugin } from './plugin';
import { Dataset } from './dataset/types';
import { DatabaseRoleLinkStore } from './database/DatabaseRoleLinkStore';
import { DatabaseRoleStore } from './database/DatabaseRoleStore';
import { exampleEntities } from './__testUtils__/exampleEntities';
import {
  anotherPool,
  bundledDataset,
  createTestDatabases,
  databaseServiceFor,
} from './__testUtils__/testDataset';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const API = '/api/well-architected';

/** A backend with the plugin on the given database and the example catalog. */
async function backendOn(knex: Knex, logger = mockServices.logger.mock()) {
  const { server } = await startTestBackend({
    features: [
      wellArchitectedPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: exampleEntities }),
      logger.factory,
    ],
  });
  return request(server);
}

const SRE = 'site-reliability-engineer';
const linkPath = (roleId: string, groupRef: string) =>
  `${API}/roles/${roleId}/groups/${encodeURIComponent(groupRef)}`;

describe('two backends on one database', () => {
  // SQLite lives inside one backend process; replicas share PostgreSQL or MySQL.
  const shared = databases
    .eachSupportedId()
    .filter(([id]) => id !== 'SQLITE_3');

  it.each(shared)(
    'serve a link made through one from the other on the next request on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const otherPool = anotherPool(knex);
      try {
        const one = await backendOn(knex);
        const other = await backendOn(otherPool);
        const holders = async (api: typeof one) =>
          (await api.get(`${API}/roles/data-engineer/groups`)).body.items.map(
            (h: { groupRef: string }) => h.groupRef,
          );

        expect(await holders(other)).not.toContain('group:default/data-team');
        const put = await one.put(
          linkPath('data-engineer', 'group:default/data-team'),
        );
        expect(put.status).toBe(201);
        expect(await holders(other)).toContain('group:default/data-team');
        const held = await other.get(`${API}/groups/data-team/roles`);
        expect(held.body.items).toContainEqual(
          expect.objectContaining({ roleId: 'data-engineer' }),
        );

        // Suggestions are cached per caller for a few seconds, but not past a link change.
        const reviewersOfSre = async (api: typeof one) => {
          const res = await api.get(
            `${API}/suggestions?entityRef=system:default/payments`,
          );
          return res.body.suggestions
            .find((s: { roleId: string }) => s.roleId === SRE)
            .reviewers.map((r: { groupRef: string }) => r.groupRef);
        };
        expect(await reviewersOfSre(other)).not.toContain(
          'group:default/data-team',
        );
        await one.put(linkPath(SRE, 'group:default/data-team'));
        expect(await reviewersOfSre(other)).toContain(
          'group:default/data-team',
        );

        const del = await other.delete(
          linkPath('data-engineer', 'group:default/data-team'),
        );
        expect(del.status).toBe(204);
        expect(await holders(one)).not.toContain('group:default/data-team');
      } finally {
        await otherPool.destroy();
      }
    },
  );
});

/**
 * The dataset as an earlier version of the plugin shipped it: one role more, which the current
 * dataset retired, and one description worded differently.
 */
function previousDataset(current: Dataset): Dataset {
  const [first, ...rest] = current.responsibilities;
  return {
    ...current,
    version: 'previous',
    roles: [
      ...current.roles,
      { id: 'release-captain', title: 'Release captain', aliases: [] },
    ],
    responsibilities: [
      { ...first, description: `${first.description} (earlier wording)` },
      ...rest,
      {
        ...first,
        id: `${first.categoryId}/release-captain`,
        roleId: 'release-captain',
        title: 'Release captain',
        order: 999,
      },
    ],
  };
}

describe('an upgrade of the dataset', () => {
  it.each(databases.eachSupportedId())(
    'keeps every portal link, and reports the links to a retired role, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const database = databaseServiceFor(knex);
      const current = await bundledDataset();
      const earlier = previousDataset(current);
      await (await DatabaseRoleStore.create({ database })).syncDataset(earlier);
      const links = await DatabaseRoleLinkStore.create({ database });
      const groups = ['sre-team', 'web-team', 'data-team', 'fraud-squad'];
      for (const { id } of earlier.roles) {
        for (const group of groups) {
          await links.addLink({
            roleId: id,
            groupRef: `group:default/${group}`,
            createdBy: 'user:default/guest',
          });
        }
      }
      const before = await knex('role_links').orderBy(['role_id', 'group_ref']);
      expect(before).toHaveLength(earlier.roles.length * groups.length);

      const logger = mockServices.logger.mock();
      const api = await backendOn(knex, logger);

      const [state] = await knex('dataset_state');
      expect(state.version).toBe(current.version);
      expect(
        await knex('role_links').orderBy(['role_id', 'group_ref']),
      ).toEqual(before);
      const roleText = await api.get(
        `${API}/roles/${current.responsibilities[0].roleId}`,
      );
      expect(roleText.body.responsibilities).toContainEqual(
        expect.objectContaining({
          description: current.responsibilities[0].description,
        }),
      );
      expect((await api.get(`${API}/roles/release-captain`)).status).toBe(404);
      const held = await api.get(`${API}/groups/sre-team/roles`);
      expect(held.body.unknownRoleIds).toEqual(['release-captain']);
      expect(held.body.items).toHaveLength(current.roles.length);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          'Portal links name roles that the loaded dataset does not have: release-captain.',
        ),
      );
    },
  );
});
