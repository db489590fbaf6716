import { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  createTestDatabases,
  databaseServiceFor,
} from '../__testUtils__/testDataset';
import { sreLink } from '../__testUtils__/links';
import { DatabaseRoleLinkStore } from './DatabaseRoleLinkStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const sre = sreLink;

describe.each(databases.eachSupportedId())(
  'the revision of role links on %s',
  databaseId => {
    let knex: Knex;
    /** Two replicas' stores on one database. */
    let one: DatabaseRoleLinkStore;
    let other: DatabaseRoleLinkStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      one = await DatabaseRoleLinkStore.create({
        database: databaseServiceFor(knex),
      });
      other = await DatabaseRoleLinkStore.create({
        database: databaseServiceFor(knex),
      });
    });

    it('rises with every link made or removed, the same for every replica, and only then', async () => {
      const seen = [await one.revision()];
      await one.addLink(sre);
      seen.push(await other.revision());
      await other.addLink(sre); // exists already
      seen.push(await one.revision());
      // Removed and made again within the same second: a count of links and the newest time
      // would not change.
      await other.removeLink(sre);
      await one.addLink(sre);
      seen.push(await other.revision());
      await one.removeLink(sre);
      await one.removeLink(sre); // gone already
      seen.push(await other.revision());
      expect(seen).toEqual(['0', '1', '1', '3', '4']);
    });

    it('has a migration that rolls back and applies again', async () => {
      await one.addLink(sre);
      const directory = resolvePackagePath(
        'backstage-plugin-well-architected-backend',
        'migrations',
      );
      await knex.migrate.down({
        directory,
        name: '20261201000100_role_links_revision.js',
      });
      expect(await knex.schema.hasTable('role_links_revision')).toBe(false);
      expect(await one.listLinks()).toHaveLength(1);
      await knex.migrate.latest({ directory });
      expect(await one.revision()).toBe('0');
      await one.removeLink(sre);
      expect(await other.revision()).toBe('1');
    });
  },
);
