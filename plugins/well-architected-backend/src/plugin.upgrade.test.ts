import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Dataset } from './dataset/types';
import { DatabaseRoleLinkStore } from './database/DatabaseRoleLinkStore';
import { DatabaseRoleStore } from './database/DatabaseRoleStore';
import request from 'supertest';
import { startApiBackend } from './__testUtils__/apiBackend';
import {
  bundledDataset,
  createTestDatabases,
  databaseServiceFor,
} from './__testUtils__/testDataset';

jest.setTimeout(120_000);

const databases = createTestDatabases();

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
      const api = request(
        await startApiBackend(knex, AuthorizeResult.ALLOW, logger),
      );

      const [state] = await knex('dataset_state');
      expect(state.version).toBe(current.version);
      expect(
        await knex('role_links').orderBy(['role_id', 'group_ref']),
      ).toEqual(before);
      const roleText = await api.get(
        `/roles/${current.responsibilities[0].roleId}`,
      );
      expect(roleText.body.responsibilities).toContainEqual(
        expect.objectContaining({
          description: current.responsibilities[0].description,
        }),
      );
      expect((await api.get(`/roles/release-captain`)).status).toBe(404);
      const held = await api.get(`/groups/sre-team/roles`);
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
