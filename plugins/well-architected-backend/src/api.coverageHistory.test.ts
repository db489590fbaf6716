import { Server } from 'node:http';
import {
  SchedulerService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  CoverageHistoryResponse,
  CoverageResponse,
} from 'backstage-plugin-well-architected-common';
import { Knex } from 'knex';
import { send, startApiServer } from './__testUtils__/apiBackend';
import { apiRoutes, routeName } from './__testUtils__/apiRoutes';
import {
  admin,
  coverageCatalogFactories,
  coverageConfig,
  quiet,
  restricted,
  totals,
} from './__testUtils__/coverageCatalog';
import { anotherPool, createTestDatabases } from './__testUtils__/testDataset';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const historyRoute = apiRoutes.find(
  r => routeName(r) === 'GET /coverage/history',
)!;
const coverageRoute = apiRoutes.find(r => routeName(r) === 'GET /coverage')!;

const SNAPSHOT_TASK = 'well-architected-coverage-snapshot';
const today = () => new Date().toISOString().slice(0, 10);

describe.each(databases.eachSupportedId())(
  'GET /coverage/history, two replicas on %s',
  databaseId => {
    let knex: Knex;
    let replicas: Array<{
      server: Server;
      scheduler: SchedulerService;
    }>;
    const pools: Knex[] = [];

    /** One replica of the plugin; no task runs until a test triggers it. */
    async function startReplica(db: Knex) {
      const scheduler = mockServices.scheduler();
      const server = await startApiServer([
        mockServices.database.factory({ knex: db }),
        mockServices.rootConfig.factory({ data: coverageConfig }),
        createServiceFactory({
          service: coreServices.scheduler,
          deps: {},
          factory: () => scheduler,
        }),
        ...coverageCatalogFactories(),
      ]);
      return { server, scheduler };
    }

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      // On a server the second replica has a connection pool of its own, as another process
      // would; SQLite is one file in one process.
      const second = databaseId === 'SQLITE_3' ? knex : anotherPool(knex);
      if (second !== knex) {
        pools.push(second);
      }
      replicas = [await startReplica(knex), await startReplica(second)];
    });

    afterAll(async () => {
      await Promise.all(pools.map(pool => pool.destroy()));
    });

    async function history(
      query: Record<string, string>,
      user = admin,
    ): Promise<{
      status: number;
      body: CoverageHistoryResponse & { error?: object };
    }> {
      const res = await send(
        replicas[1].server,
        historyRoute,
        { query },
        { Authorization: mockCredentials.user.header(user) },
      );
      return {
        status: res.status,
        body: res.body as CoverageHistoryResponse & { error?: object },
      };
    }

    it('has no history, and says so, before the first snapshot; none is taken before the first evaluation', async () => {
      await replicas[0].scheduler.triggerTask(SNAPSHOT_TASK);
      const { status, body } = await history({});
      expect(status).toBe(200);
      expect(body).toEqual({
        pillarIds: expect.any(Array),
        retentionDays: 400,
        points: [],
      });
    });

    it('takes one snapshot a day when both replicas run the task at once', async () => {
      await replicas[0].scheduler.triggerTask(
        'well-architected-evaluation-1-of-1',
      );
      await Promise.all(
        replicas.map(r => r.scheduler.triggerTask(SNAPSHOT_TASK)),
      );
      await replicas[1].scheduler.triggerTask(SNAPSHOT_TASK);
      expect(await knex('coverage_snapshots').pluck('day')).toEqual([today()]);
      // One row per scope and pillar: every System, org, team-a, team-b and commerce.
      const [{ n }] = await knex('coverage_snapshot_counts').count({ n: '*' });
      expect(Number(n)).toBe(5 * 6);

      const { body } = await history({});
      expect(body.startsOn).toBe(today());
      expect(body.points).toHaveLength(1);
      // The snapshot is what the whole catalog's coverage was when it was taken.
      const coverage = await send(
        replicas[0].server,
        coverageRoute,
        {},
        { Authorization: mockCredentials.user.header(admin) },
      );
      expect(body.points[0]).toEqual({
        day: today(),
        totals: (coverage.body as CoverageResponse).totals,
      });
    });

    it("counts an owner Group's sub-groups and a Domain's Systems, for one pillar", async () => {
      const org = await history({
        owner: 'group:default/org',
        pillar: 'security',
      });
      expect(org.body).toMatchObject({
        scopeRef: 'group:default/org',
        pillarIds: ['security'],
        points: [{ day: today(), totals: [totals('security', [1, 0, 2, 0])] }],
      });
      const commerce = await history({ domain: 'domain:default/commerce' });
      expect(commerce.body.points[0].totals.slice(0, 3)).toEqual([
        quiet('operational-excellence', 2),
        totals('security', [1, 0, 1, 0]),
        totals('reliability', [1, 0, 0, 1]),
      ]);
      // A Group that owns nothing has zeros on the days history has.
      const empty = await history({ owner: 'group:default/hidden-team' });
      expect(empty.body.points[0].totals[1]).toEqual(quiet('security', 0));
    });

    it('answers a Group or Domain only to a caller who may read it; counts are of the whole catalog', async () => {
      const hidden = await history(
        { owner: 'group:default/hidden-team' },
        restricted,
      );
      const nobody = await history({ owner: 'group:default/nobody' });
      // A Group the caller may not read is answered as one that does not exist.
      expect([hidden.status, nobody.status]).toEqual([404, 404]);
      expect(
        JSON.stringify(hidden.body.error).replace(/hidden-team/g, 'nobody'),
      ).toEqual(JSON.stringify(nobody.body.error));
      // As documented: the snapshot counted s-hidden, which this caller cannot read.
      const all = await history({ pillar: 'security' }, restricted);
      expect(all.body.points[0].totals).toEqual([
        totals('security', [1, 1, 2, 1]),
      ]);
    });
  },
);
