import { Server } from 'node:http';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { CoverageResponse } from 'backstage-plugin-well-architected-common';
import { Knex } from 'knex';
import { send, startApiServer } from './__testUtils__/apiBackend';
import { apiRoutes, routeName } from './__testUtils__/apiRoutes';
import {
  admin,
  coverageConfig as config,
  coverageEntities as entities,
  quiet,
  restricted,
  totals,
} from './__testUtils__/coverageCatalog';
import {
  hidingCatalogFactory,
  policyPermissionsFactory,
} from './__testUtils__/policyServices';
import { createTestDatabases } from './__testUtils__/testDataset';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const coverageRoute = apiRoutes.find(r => routeName(r) === 'GET /coverage')!;
const linkRoute = apiRoutes.find(
  r => routeName(r) === 'PUT /roles/{roleId}/groups/{groupRef}',
)!;

/** The fields of each line of a CSV answer (RFC 4180: quoted fields, CRLF line ends). */
function parseCsv(text: string): string[][] {
  expect(text.endsWith('\r\n')).toBe(true);
  return text
    .slice(0, -2)
    .split('\r\n')
    .map(line =>
      [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map(([, f]) =>
        f.startsWith('"') ? f.slice(1, -1).replace(/""/g, '"') : f,
      ),
    );
}

describe.each(databases.eachSupportedId())(
  'GET /coverage on %s',
  databaseId => {
    let knex: Knex;
    let server: Server;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startApiServer([
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({ data: config }),
        // A round runs at start, so the evaluation is stored before the first request.
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
        policyPermissionsFactory({ hidesFrom: restricted }),
        hidingCatalogFactory({
          entities,
          hidden: ['system:default/s-hidden', 'group:default/hidden-team'],
          from: restricted,
        }),
      ]);
    });

    async function coverage(
      query: Record<string, string>,
      user = admin,
    ): Promise<CoverageResponse> {
      const res = await send(
        server,
        coverageRoute,
        { query },
        {
          Authorization: mockCredentials.user.header(user),
        },
      );
      expect(res.status).toBe(200);
      return res.body as CoverageResponse;
    }

    /** The rows as `name: state per pillar`, for the pillars of the answer. */
    const rows = (answer: CoverageResponse) =>
      answer.items.map(
        item => `${item.name}: ${item.cells.map(c => c.state).join(' ')}`,
      );

    it('answers every cell state, with totals, for the hand-computed catalog', async () => {
      const answer = await coverage({});
      expect(answer.totalCount).toBe(5);
      expect(answer.totals).toEqual([
        quiet('operational-excellence', 5),
        totals('security', [1, 1, 2, 1]),
        totals('reliability', [1, 0, 0, 4]),
        quiet('performance-efficiency', 5),
        quiet('cost-optimization', 5),
        quiet('sustainability', 5),
      ]);
      const byName = Object.fromEntries(answer.items.map(i => [i.name, i]));
      expect(byName['s-partly'].cells[1]).toEqual({
        pillarId: 'security',
        state: 'partly',
        coveredRoleIds: ['security-architect'],
        missingRoleIds: ['security-engineer'],
      });
      expect(byName['s-covered']).toMatchObject({
        ownerRef: 'group:default/team-a',
        domainRef: 'domain:default/commerce',
        lifecycles: [],
      });
      expect(byName['s-partly']).toMatchObject({
        lifecycles: ['production'],
        tier: 'tier-2',
      });
      expect(answer.tiers).toEqual(['tier-0', 'tier-1', 'tier-2']);
      expect(Object.keys(byName)).toEqual([
        's-covered',
        'Billing Gateway',
        's-hidden',
        's-none',
        's-partly',
      ]);
    });

    it('filters by owner with sub-groups, Domain, lifecycle and words, and restricts to a pillar', async () => {
      const names = async (query: Record<string, string>) =>
        (await coverage(query)).items.map(i => i.name);
      expect(await names({ owner: 'group:default/org' })).toEqual([
        's-covered',
        'Billing Gateway',
        's-hidden',
      ]);
      expect(await names({ owner: 'group:default/team-a' })).toEqual([
        's-covered',
        's-hidden',
      ]);
      expect(await names({ domain: 'domain:default/commerce' })).toEqual([
        's-covered',
        'Billing Gateway',
      ]);
      expect(await names({ lifecycle: 'production' })).toEqual(['s-partly']);
      // Any key the vocabulary reads criticality from, with a prefix too; any case of the value.
      expect(await names({ tier: 'TIER-1' })).toEqual(['s-covered']);
      expect(await names({ tier: 'tier-2' })).toEqual(['s-partly']);
      expect(
        await names({ tier: 'tier-1', owner: 'group:default/org' }),
      ).toEqual(['s-covered']);
      expect(await names({ tier: 'tier-3' })).toEqual([]);
      expect(await names({ q: 'billing' })).toEqual(['Billing Gateway']);
      expect(await names({ q: 'S-PART' })).toEqual(['s-partly']);
      expect(await names({ owner: 'group:default/nobody' })).toEqual([]);

      const security = await coverage({ pillar: 'security', sort: 'gaps' });
      expect(security.pillarIds).toEqual(['security']);
      expect(security.totals).toEqual([totals('security', [1, 1, 2, 1])]);
      expect(rows(security)).toEqual([
        'Billing Gateway: gap',
        's-hidden: gap',
        's-partly: partly',
        's-covered: covered',
        's-none: not-needed',
      ]);
    });

    it('pages the rows and counts the totals of every matching System', async () => {
      const page = await coverage({ limit: '2', offset: '1' });
      expect(page).toMatchObject({ totalCount: 5, limit: 2, offset: 1 });
      expect(page.items.map(i => i.name)).toEqual([
        'Billing Gateway',
        's-hidden',
      ]);
      expect(page.totals[1]).toEqual(totals('security', [1, 1, 2, 1]));
    });

    it('counts only what the caller may read: Systems, and the Groups that hold roles', async () => {
      const answer = await coverage({}, restricted);
      expect(answer.totalCount).toBe(4);
      expect(answer.totals.slice(1, 3)).toEqual([
        totals('security', [1, 1, 1, 1]),
        // hidden-team holds the Site Reliability Engineer role, but not for this caller.
        totals('reliability', [0, 0, 1, 3]),
      ]);
      // s-hidden's tier is no choice for a caller who cannot read it.
      expect(answer.tiers).toEqual(['tier-1', 'tier-2']);
      expect(JSON.stringify(answer)).not.toMatch(/s-hidden|hidden-team/);
    });

    it('exports the view as filtered to CSV, every matching System, as the caller may read it', async () => {
      const csvRoute = apiRoutes.find(
        r => routeName(r) === 'GET /coverage.csv',
      )!;
      for (const [query, user] of [
        [{}, admin],
        [{ owner: 'group:default/org', sort: 'gaps' }, admin],
        [{ pillar: 'security', tier: 'tier-1' }, admin],
        [{}, restricted],
      ] as const) {
        const res = await send(
          server,
          csvRoute,
          { query },
          { Authorization: mockCredentials.user.header(user) },
        );
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/csv/);
        expect(res.headers['content-disposition']).toBe(
          'attachment; filename="well-architected-coverage.csv"',
        );
        const view = await coverage({ ...query, limit: '500' }, user);
        const [header, ...lines] = parseCsv(res.text!);
        expect(header).toEqual([
          'system',
          'name',
          'owner',
          'domain',
          'tier',
          'lifecycles',
          ...view.pillarIds.flatMap(p => [p, `${p} missing roles`]),
        ]);
        expect(lines).toEqual(
          view.items.map(item => [
            item.entityRef,
            item.name,
            item.ownerRef ?? '',
            item.domainRef ?? '',
            item.tier ?? '',
            item.lifecycles.join(' '),
            ...item.cells.flatMap(c => [c.state, c.missingRoleIds.join(' ')]),
          ]),
        );
      }
    });

    it('says what a filter accepts when it is malformed', async () => {
      const res = await send(server, coverageRoute, {
        query: { owner: 'payments' },
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        error: {
          message: expect.stringMatching(
            /^Invalid 'owner': .* such as group:default\/payments/,
          ),
        },
      });
    });

    it('counts a portal link as a reviewer group, as soon as it is made', async () => {
      const made = await send(
        server,
        linkRoute,
        {
          params: {
            roleId: 'security-engineer',
            groupRef: 'group:default/team-b',
          },
        },
        { Authorization: mockCredentials.user.header(admin) },
      );
      expect(made.status).toBe(201);
      const answer = await coverage({ pillar: 'security' });
      expect(answer.totals).toEqual([totals('security', [4, 0, 0, 1])]);
    });
  },
);
