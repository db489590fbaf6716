import request from 'supertest';
import { linkPath, startApiBackend } from './__testUtils__/apiBackend';
import {
  anotherPool,
  createTestDatabases,
  serverDatabaseIds,
} from './__testUtils__/testDataset';

jest.setTimeout(120_000);

const databases = createTestDatabases();

type Api = ReturnType<typeof request>;

const SRE = 'site-reliability-engineer';

describe('two backends on one database', () => {
  // SQLite lives inside one backend process; replicas share PostgreSQL or MySQL.
  it.each(serverDatabaseIds(databases))(
    'serve a link made through one from the other on the next request on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const otherPool = anotherPool(knex);
      try {
        const one = request(await startApiBackend(knex));
        const other = request(await startApiBackend(otherPool));
        const holders = async (api: Api) =>
          (await api.get(`/roles/data-engineer/groups`)).body.items.map(
            (h: { groupRef: string }) => h.groupRef,
          );

        expect(await holders(other)).not.toContain('group:default/data-team');
        const put = await one.put(
          linkPath('data-engineer', 'group:default/data-team'),
        );
        expect(put.status).toBe(201);
        expect(await holders(other)).toContain('group:default/data-team');
        const held = await other.get(`/groups/data-team/roles`);
        expect(held.body.items).toContainEqual(
          expect.objectContaining({ roleId: 'data-engineer' }),
        );

        // Suggestions come from the stored evaluation, with the links as they are now.
        const reviewersOfSre = async (api: Api) => {
          const res = await api.get(
            `/suggestions?entityRef=system:default/payments`,
          );
          return res.body.suggestions
            .find((s: { roleId: string }) => s.roleId === SRE)
            .reviewers.map((r: { groupRef: string }) => r.groupRef);
        };
        // fraud-squad has a member to ask, so it can be a reviewer.
        expect(await reviewersOfSre(other)).not.toContain(
          'group:default/fraud-squad',
        );
        await one.put(linkPath(SRE, 'group:default/fraud-squad'));
        expect(await reviewersOfSre(other)).toContain(
          'group:default/fraud-squad',
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
