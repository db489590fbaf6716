import { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  bundledDataset,
  createTestDatabases,
  databaseServiceFor,
} from '../__testUtils__/testDataset';
import { sreLink } from '../__testUtils__/links';
import { DatabaseRoleLinkStore } from './DatabaseRoleLinkStore';
import { DatabaseRoleStore } from './DatabaseRoleStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const sre = sreLink;

describe('DatabaseRoleLinkStore', () => {
  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let store: DatabaseRoleLinkStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseRoleLinkStore.create({
        database: databaseServiceFor(knex),
      });
    });

    it('adds a link once, and says whether this call made it', async () => {
      const before = Date.now();
      const first = await store.addLink(sre);
      expect(first.created).toBe(true);
      expect(first.link).toMatchObject({
        roleId: sre.roleId,
        groupRef: sre.groupRef,
        createdBy: 'user:default/alice',
      });
      // MySQL keeps whole seconds.
      expect(first.link.createdAt.getTime()).toBeGreaterThan(before - 2000);

      const again = await store.addLink({
        ...sre,
        createdBy: 'user:default/bob',
      });
      expect(again).toEqual({ link: first.link, created: false });
      expect(await store.listLinks()).toEqual([first.link]);
    });

    it('filters links by role and by group', async () => {
      await store.addLink(sre);
      await store.addLink({ ...sre, roleId: 'incident-response-manager' });
      await store.addLink({ ...sre, groupRef: 'group:default/payments-team' });

      expect(
        (await store.listLinks({ roleIds: [sre.roleId] })).map(l => l.groupRef),
      ).toEqual(['group:default/payments-team', 'group:default/sre-team']);
      expect(
        (await store.listLinks({ groupRefs: ['group:default/sre-team'] })).map(
          l => l.roleId,
        ),
      ).toEqual(['incident-response-manager', 'site-reliability-engineer']);
      expect(
        await store.listLinks({
          roleIds: ['incident-response-manager'],
          groupRefs: ['group:default/payments-team'],
        }),
      ).toEqual([]);
    });

    it('removes a link and returns it, and reports when there was none', async () => {
      const { link } = await store.addLink(sre);
      expect(await store.removeLink(sre)).toEqual(link);
      expect(await store.removeLink(sre)).toBeUndefined();
      expect(await store.listLinks()).toEqual([]);
    });

    it('keeps one row when 50 identical links are made at once', async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, () => store.addLink(sre)),
      );
      expect(results.filter(r => r.created)).toHaveLength(1);
      expect(await store.listLinks()).toHaveLength(1);
    });

    it('keeps links, also to retired roles, across dataset updates', async () => {
      const roles = await DatabaseRoleStore.create({
        database: databaseServiceFor(knex),
      });
      const dataset = await bundledDataset();
      await roles.syncDataset(dataset);
      await store.addLink(sre);
      await store.addLink({ ...sre, roleId: 'technical-writer' });

      await roles.syncDataset({
        ...dataset,
        version: 'without-technical-writer',
        roles: dataset.roles.filter(r => r.id !== 'technical-writer'),
        responsibilities: dataset.responsibilities.filter(
          r => r.roleId !== 'technical-writer',
        ),
      });
      expect((await store.listLinks()).map(l => l.roleId)).toEqual([
        'site-reliability-engineer',
        'technical-writer',
      ]);
    });

    it('has a migration that rolls back and applies again', async () => {
      await store.addLink(sre);
      const directory = resolvePackagePath(
        'backstage-plugin-well-architected-backend',
        'migrations',
      );
      // Later migrations first, then the one of role_links.
      while (await knex.schema.hasTable('role_links')) {
        await knex.migrate.down({ directory });
      }
      expect(await knex.schema.hasTable('role_links')).toBe(false);
      expect(await knex.schema.hasTable('roles')).toBe(true);
      await knex.migrate.latest({ directory });
      expect(await store.listLinks()).toEqual([]);
      expect((await store.addLink(sre)).created).toBe(true);
    });
  });
});
