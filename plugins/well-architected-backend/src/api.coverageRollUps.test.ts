import { Server } from 'node:http';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  CoverageRollUpResponse,
  CoverageRollUpsResponse,
  RoleSystemsResponse,
} from 'backstage-plugin-well-architected-common';
import { Knex } from 'knex';
import { send } from './__testUtils__/apiBackend';
import { ApiRequest, apiRoutes, routeName } from './__testUtils__/apiRoutes';
import {
  admin,
  quiet,
  restricted,
  totals,
  startCoverageServer,
} from './__testUtils__/coverageCatalog';
import { createTestDatabases } from './__testUtils__/testDataset';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const route = (name: string) => apiRoutes.find(r => routeName(r) === name)!;
const rollUpsRoute = route('GET /coverage/rollups');
const rollUpRoute = route('GET /coverage/rollups/{scopeRef}');
const roleSystemsRoute = route('GET /roles/{roleId}/systems');
const decideRoute = route('PUT /entities/{entityRef}/decisions/{roleId}');

describe.each(databases.eachSupportedId())(
  'Coverage roll-ups and where a role is needed, on %s',
  databaseId => {
    let server: Server;

    beforeAll(async () => {
      const knex: Knex = await databases.init(databaseId);
      server = await startCoverageServer(knex);
    });

    async function get<T>(
      name: string,
      apiRequest: ApiRequest,
      user = admin,
      status = 200,
    ): Promise<T> {
      const res = await send(server, route(name), apiRequest, {
        Authorization: mockCredentials.user.header(user),
      });
      expect(res.status).toBe(status);
      return res.body as T;
    }

    const rollUps = (query: Record<string, string>, user = admin) =>
      get<CoverageRollUpsResponse>(routeName(rollUpsRoute), { query }, user);
    const roleSystems = (
      roleId: string,
      query: Record<string, string> = {},
      user = admin,
    ) =>
      get<RoleSystemsResponse>(
        routeName(roleSystemsRoute),
        { params: { roleId }, query },
        user,
      );

    it('rolls the Systems up by owner Group, with the Groups inside it, most gaps first', async () => {
      const answer = await rollUps({ by: 'group', pillar: 'security' });
      expect(answer).toMatchObject({
        by: 'group',
        pillarIds: ['security'],
        totalCount: 3,
      });
      expect(answer.items).toEqual([
        {
          // org owns s-gap, and team-a inside it owns s-covered and s-hidden.
          scopeRef: 'group:default/org',
          systemCount: 3,
          totals: [totals('security', [1, 0, 2, 0])],
          missingRoles: [{ roleId: 'security-engineer', systemCount: 2 }],
        },
        {
          scopeRef: 'group:default/team-a',
          systemCount: 2,
          totals: [totals('security', [1, 0, 1, 0])],
          missingRoles: [{ roleId: 'security-engineer', systemCount: 1 }],
        },
        {
          scopeRef: 'group:default/team-b',
          systemCount: 2,
          totals: [totals('security', [0, 1, 0, 1])],
          missingRoles: [{ roleId: 'security-engineer', systemCount: 1 }],
        },
      ]);
      const byName = await rollUps({
        by: 'group',
        sort: 'name',
        limit: '1',
        offset: '2',
      });
      expect(byName).toMatchObject({ totalCount: 3, limit: 1, offset: 2 });
      expect(byName.items.map(i => i.scopeRef)).toEqual([
        'group:default/team-b',
      ]);
    });

    it('rolls the Systems up by Domain, and the filters choose the Systems counted', async () => {
      const answer = await rollUps({ by: 'domain' });
      expect(answer.items).toEqual([
        {
          scopeRef: 'domain:default/commerce',
          systemCount: 2,
          totals: [
            quiet('operational-excellence', 2),
            totals('security', [1, 0, 1, 0]),
            totals('reliability', [1, 0, 0, 1]),
            quiet('performance-efficiency', 2),
            quiet('cost-optimization', 2),
            quiet('sustainability', 2),
          ],
          missingRoles: [{ roleId: 'security-engineer', systemCount: 1 }],
        },
      ]);
      const tier1 = await rollUps({ by: 'group', tier: 'tier-1' });
      expect(tier1.items.map(i => [i.scopeRef, i.systemCount])).toEqual([
        ['group:default/org', 1],
        ['group:default/team-a', 1],
      ]);
      expect(
        (await rollUps({ by: 'domain', lifecycle: 'production' })).items,
      ).toEqual([]);
    });

    it('counts only the Systems and names only the Groups the caller may read', async () => {
      const answer = await rollUps({ by: 'group' }, restricted);
      const org = answer.items.find(i => i.scopeRef === 'group:default/org')!;
      expect(org.systemCount).toBe(2);
      expect(org.totals.slice(1, 3)).toEqual([
        totals('security', [1, 0, 1, 0]),
        // hidden-team holds the Site Reliability Engineer role, but not for this caller.
        totals('reliability', [0, 0, 1, 1]),
      ]);
      expect(org.missingRoles).toEqual([
        { roleId: 'security-engineer', systemCount: 1 },
        { roleId: 'site-reliability-engineer', systemCount: 1 },
      ]);
      expect(JSON.stringify(answer)).not.toMatch(/s-hidden|hidden-team/);
    });

    it("answers one Group's or Domain's roll-up, as the caller may read it", async () => {
      const rollUp = (scopeRef: string, user = admin, status = 200) =>
        get<CoverageRollUpResponse>(
          routeName(rollUpRoute),
          { params: { scopeRef } },
          user,
          status,
        );
      const teamA = await rollUp('group:default/team-a');
      expect(teamA.pillarIds).toHaveLength(6);
      expect(teamA.rollUp).toMatchObject({
        scopeRef: 'group:default/team-a',
        systemCount: 2,
      });
      expect(
        (await rollUp('group:default/team-a', restricted)).rollUp,
      ).toMatchObject({ systemCount: 1 });
      expect((await rollUp('Domain:default/Commerce')).rollUp).toMatchObject({
        scopeRef: 'domain:default/commerce',
        systemCount: 2,
      });
      // A Group that owns nothing has a roll-up of nothing.
      expect((await rollUp('group:default/hidden-team')).rollUp).toEqual({
        scopeRef: 'group:default/hidden-team',
        systemCount: 0,
        totals: expect.any(Array),
        missingRoles: [],
      });
      await rollUp('group:default/hidden-team', restricted, 404);
      const wrongKind = await rollUp('system:default/s-gap', admin, 400);
      expect(JSON.stringify(wrongKind)).toMatch(
        /Coverage is counted for a Group or a Domain, not for 'system'/,
      );
    });

    it('lists the Systems where a role is needed, each with its reviewer group or a gap', async () => {
      const architect = await roleSystems('security-architect');
      expect(architect).toMatchObject({ covered: 2, gap: 0, totalCount: 2 });
      expect(architect.items).toEqual([
        {
          entityRef: 'system:default/s-covered',
          name: 's-covered',
          ownerRef: 'group:default/team-a',
          domainRef: 'domain:default/commerce',
          lifecycles: [],
          tier: 'tier-1',
          pillarIds: ['security'],
          state: 'covered',
          reviewerGroupRef: 'group:default/team-a',
        },
        expect.objectContaining({
          entityRef: 'system:default/s-partly',
          state: 'covered',
          reviewerGroupRef: 'group:default/team-a',
        }),
      ]);

      const engineer = await roleSystems('security-engineer');
      expect(engineer).toMatchObject({ covered: 0, gap: 3 });
      expect(engineer.items.map(i => [i.entityRef, i.state])).toEqual([
        ['system:default/s-gap', 'gap'],
        ['system:default/s-hidden', 'gap'],
        ['system:default/s-partly', 'gap'],
      ]);
      expect(engineer.items.some(i => 'reviewerGroupRef' in i)).toBe(false);

      const names = async (roleId: string, query: Record<string, string>) =>
        (await roleSystems(roleId, query)).items.map(i => i.name);
      expect(
        await names('security-engineer', { owner: 'group:default/org' }),
      ).toEqual(['Billing Gateway', 's-hidden']);
      expect(
        await names('security-engineer', { domain: 'domain:default/commerce' }),
      ).toEqual(['Billing Gateway']);
      expect(await names('security-engineer', { tier: 'tier-2' })).toEqual([
        's-partly',
      ]);
      expect(
        await names('security-engineer', { lifecycle: 'production' }),
      ).toEqual(['s-partly']);
      const gapsOnly = await roleSystems('security-architect', {
        state: 'gap',
      });
      expect(gapsOnly).toMatchObject({ covered: 2, gap: 0, totalCount: 0 });
      // A role suggested for no System is needed nowhere.
      expect(await roleSystems('technical-writer')).toMatchObject({
        items: [],
        totalCount: 0,
      });
    });

    it('shows where a role is needed as the caller may read the Systems and the Groups', async () => {
      const sre = await roleSystems('site-reliability-engineer');
      expect(sre.items).toEqual([
        expect.objectContaining({
          entityRef: 'system:default/s-covered',
          state: 'covered',
          reviewerGroupRef: 'group:default/hidden-team',
        }),
      ]);
      const forRestricted = await roleSystems(
        'site-reliability-engineer',
        {},
        restricted,
      );
      expect(forRestricted).toMatchObject({ covered: 0, gap: 1 });
      expect(
        (await roleSystems('security-engineer', {}, restricted)).totalCount,
      ).toBe(2);
      expect(JSON.stringify(forRestricted)).not.toMatch(/hidden/);
    });

    it('names the reviewer group the owners pinned when they accepted the suggestion', async () => {
      const accepted = await send(
        server,
        decideRoute,
        {
          params: {
            entityRef: 'system:default/s-gap',
            roleId: 'security-engineer',
          },
          body: { decision: 'accepted', groupRef: 'group:default/team-b' },
        },
        { Authorization: mockCredentials.user.header(admin) },
      );
      expect(accepted.status).toBe(200);
      const engineer = await roleSystems('security-engineer');
      expect(engineer).toMatchObject({ covered: 1, gap: 2 });
      expect(engineer.items[2]).toMatchObject({
        entityRef: 'system:default/s-gap',
        state: 'covered',
        reviewerGroupRef: 'group:default/team-b',
        accepted: true,
      });
      const org = (await rollUps({ by: 'group', pillar: 'security' })).items[0];
      expect(org).toMatchObject({
        scopeRef: 'group:default/org',
        totals: [totals('security', [2, 0, 1, 0])],
      });
    });
  },
);
