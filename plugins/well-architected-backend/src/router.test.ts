import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import {
  PILLAR_IDS,
  RolesResponse,
  RoleSummary,
} from 'backstage-plugin-well-architected-common';
import { Dataset } from './dataset/types';
import { createRouter } from './router';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuditorService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { bundledDataset } from './__testUtils__/testDataset';
import { testServices } from './__testUtils__/services';

async function appFor(
  dataset: Dataset | undefined,
  catalog?: CatalogService,
  options: { permissions?: PermissionsService; auditor?: AuditorService } = {},
) {
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    ...testServices({ dataset, catalog, ...options }),
  });
  return express().use(router).use(mockErrorHandler());
}

describe('createRouter', () => {
  let dataset: Dataset;
  let app: express.Express;

  beforeAll(async () => {
    dataset = await bundledDataset();
  });

  beforeEach(async () => {
    app = await appFor(dataset);
  });

  describe('GET /pillars', () => {
    it('lists the pillars with their categories and role counts', async () => {
      const res = await request(app).get('/pillars');
      expect(res.status).toBe(200);
      expect(res.body.items.map((p: { id: string }) => p.id)).toEqual([
        'operational-excellence',
        'security',
        'reliability',
        'performance-efficiency',
        'cost-optimization',
        'sustainability',
      ]);
      const reliability = res.body.items[2];
      expect(reliability).toMatchObject({
        title: 'Reliability',
        order: 3,
        roleCount: 23,
      });
      expect(reliability.categories[3]).toEqual({
        id: 'reliability/backup-disaster-recovery',
        pillarId: 'reliability',
        title: 'Backup & Disaster Recovery',
        order: 4,
        roleCount: 5,
      });
    });
  });

  describe('GET /roles', () => {
    const list = async (query: string): Promise<RolesResponse> => {
      const res = await request(app).get(`/roles${query}`);
      expect(res.status).toBe(200);
      return res.body;
    };

    it('lists every canonical role with all 129 responsibilities', async () => {
      const body = await list('');
      expect(body.totalCount).toBe(dataset.roles.length);
      expect(body).toMatchObject({ limit: 100, offset: 0 });
      expect(body.items.flatMap(r => r.responsibilities)).toHaveLength(129);
      expect(body.items.map(r => r.title)).toEqual(
        [...body.items.map(r => r.title)].sort((a, b) =>
          a.localeCompare(b, 'en'),
        ),
      );
    });

    it('filters by pillar, keeping only that pillar’s responsibilities', async () => {
      const body = await list('?pillar=cost-optimization');
      const responsibilities = body.items.flatMap(r => r.responsibilities);
      expect(responsibilities).toHaveLength(17);
      expect(
        responsibilities.every(r => r.pillarId === 'cost-optimization'),
      ).toBe(true);
      const devops = body.items.find(r => r.id === 'devops-engineer');
      expect(devops?.responsibilities).toHaveLength(1);
      expect(devops?.pillarIds).toHaveLength(6);
    });

    it('filters by category', async () => {
      const body = await list('?category=reliability/backup-disaster-recovery');
      expect(body.items.map(r => r.id).sort()).toEqual([
        'backup-administrator',
        'business-continuity-planner',
        'data-architect',
        'disaster-recovery-manager',
        'infrastructure-manager',
      ]);
    });

    it('searches titles and aliases without regard to case, keeping all matching responsibilities', async () => {
      const body = await list('?q=sre');
      expect(body.items.map(r => r.id)).toEqual(['site-reliability-engineer']);
      expect(body.items[0].responsibilities).toHaveLength(3);

      const security = await list('?q=SRE&pillar=security');
      expect(security.totalCount).toBe(0);
    });

    it('searches descriptions, keeping only the matching responsibilities', async () => {
      const body = await list('?q=RTOs');
      expect(body.items).toHaveLength(1);
      expect(body.items[0]).toMatchObject({
        id: 'disaster-recovery-manager',
        responsibilities: [
          expect.objectContaining({
            description:
              'Creates and enforces DR plans, RTOs/RPOs, and recovery workflows.',
          }),
        ],
      });
    });

    it('finds words at word starts only, every word of the query', async () => {
      const dba = await list('?q=dba');
      expect(dba.items.map(r => r.id)).toEqual(['database-administrator']);
      // Every "eedback" of the dataset is inside "feedback".
      expect((await list('?q=eedback')).totalCount).toBe(0);
      expect((await list('?q=feedback')).totalCount).toBeGreaterThan(0);
      const both = await list('?q=backups%20recovery');
      expect(both.items.length).toBeGreaterThan(0);
      for (const role of both.items) {
        for (const r of role.responsibilities) {
          expect(
            `${role.title} ${role.aliases.join(' ')} ${r.title} ${
              r.description
            }`,
          ).toMatch(/\bbackups[^]*\brecovery|\brecovery[^]*\bbackups/i);
        }
      }
    });

    it('finds roles by what people type for their work: pager, database, dba', async () => {
      const pager = await list('?q=pager');
      expect(pager.items.map(r => r.id).sort()).toEqual([
        'incident-response-manager',
        'site-reliability-engineer',
      ]);
      // Found as by name: every responsibility is kept.
      const irm = pager.items.find(r => r.id === 'incident-response-manager')!;
      expect(irm.responsibilities).toHaveLength(irm.pillarIds.length);

      const database = await list('?q=database');
      const ids = database.items.map(r => r.id);
      expect(ids.slice(0, 2).sort()).toEqual([
        'backup-administrator',
        'database-administrator',
      ]);
      expect(await list('?q=Database%20backup')).toMatchObject({
        items: [expect.objectContaining({ id: 'backup-administrator' })],
      });

      const dba = await list('?q=dba');
      expect(dba.items.map(r => r.id)).toEqual(['database-administrator']);
      // A synonym is a whole word: its start finds only what the text holds.
      expect((await list('?q=page')).items.map(r => r.id)).not.toContain(
        'incident-response-manager',
      );
      expect((await list('?q=constructor')).totalCount).toBe(0);
    });

    it('lists the roles found by their name before those found in a responsibility', async () => {
      const body = await list('?q=security');
      const byName = body.items.filter(r =>
        /\bsecurity/i.test([r.title, ...r.aliases].join('\n')),
      );
      expect(byName.length).toBeGreaterThan(0);
      expect(body.items.slice(0, byName.length)).toEqual(byName);
      expect(body.totalCount).toBeGreaterThan(byName.length);
    });

    it('treats SQL wildcards in the text literally', async () => {
      expect((await list('?q=%25')).totalCount).toBe(0);
      expect((await list('?q=_')).totalCount).toBe(0);
    });

    it('pages with limit and offset', async () => {
      const all = await list('?limit=500');
      const page = await list('?limit=10&offset=20');
      expect(page.items).toEqual(all.items.slice(20, 30));
      expect(page.totalCount).toBe(all.totalCount);
    });

    it.each([
      [
        '?pillar=speed',
        /Invalid 'pillar': use one of operational-excellence, security/,
      ],
      ['?limit=-1', /Invalid 'limit': use a whole number from 1 to 500/],
      ['?limit=100000', /Invalid 'limit'/],
      ['?limit=ten', /Invalid 'limit'/],
      ['?offset=-5', /Invalid 'offset'/],
      // What JavaScript would read as a number, but nobody writes as a whole number.
      ...[
        '0x10',
        '2e1',
        'Infinity',
        '1.0',
        '%2B5',
        '05',
        '%205',
        '9'.repeat(400),
      ].map(value => [
        `?limit=${value}`,
        /Invalid 'limit': use a whole number/,
      ]),
      ['?offset=1e3', /Invalid 'offset': use a whole number from 0 to 1000000/],
      [
        `?q=${'x'.repeat(201)}`,
        /Invalid 'q': give one text of at most 200 characters/,
      ],
      ['?q=a&q=b', /Invalid 'q'/],
      [
        '?__proto__[isAdmin]=1&=x',
        /Unknown query parameter\(s\) '__proto__\[isAdmin\]', ''; accepted: pillar, category/,
      ],
      [
        '?colour=red',
        /Unknown query parameter\(s\) 'colour'; accepted: pillar, category, q, limit, offset/,
      ],
      [
        '?category=security/nope',
        /Unknown category 'security\/nope'. Valid categories are: operational-excellence\//,
      ],
      [
        '?pillar=security&category=nope',
        /Valid categories of pillar 'security' are: security\/governance-oversight/,
      ],
    ])(
      'answers %s with a 400 that names the problem',
      async (query, message) => {
        const res = await request(app).get(`/roles${query}`);
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toMatch(message);
      },
    );
  });

  describe('GET /role-summaries', () => {
    it('lists the id, title and aliases of every role, ordered by title, in a few KB', async () => {
      const res = await request(app).get('/role-summaries');
      expect(res.status).toBe(200);
      const all = await request(app).get('/roles?limit=500');
      expect(res.body.items).toEqual(
        all.body.items.map(({ id, title, aliases }: RoleSummary) => ({
          id,
          title,
          aliases,
        })),
      );
      // About 7 KB, against 56 KB for the whole dataset.
      expect(res.text.length).toBeLessThan(all.text.length / 5);
    });
  });

  describe('GET /roles/:roleId', () => {
    it('returns one role with every responsibility across pillars', async () => {
      const res = await request(app).get('/roles/devops-engineer');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: 'devops-engineer',
        title: 'DevOps Engineer',
        pillarIds: [...PILLAR_IDS],
      });
      expect(res.body.responsibilities).toHaveLength(6);
    });

    it('answers an unknown role with a 404', async () => {
      const res = await request(app).get('/roles/chief-vibes-officer');
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(
        "No Well-Architected role with id 'chief-vibes-officer'",
      );
    });

    it('answers a malformed id with a 400', async () => {
      const res = await request(app).get('/roles/Robert%27%3B%20DROP');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /Invalid 'roleId': .* a lower-case slug such as `site-reliability-engineer`/,
      );
    });
  });

  describe('caching', () => {
    it.each([
      '/pillars',
      '/roles?pillar=security',
      '/roles/site-reliability-engineer',
      '/role-summaries',
    ])('answers %s with an ETag, and 304 when it matches', async path => {
      const first = await request(app).get(path);
      expect(first.status).toBe(200);
      expect(first.headers['cache-control']).toBe('private, no-cache');
      const etag = first.headers.etag;
      expect(etag).toMatch(/^"[\w-]+"$/);

      const second = await request(app).get(path).set('If-None-Match', etag);
      expect(second.status).toBe(304);
      expect(second.text).toBe('');
    });

    it('gives different requests different ETags', async () => {
      const a = await request(app).get('/roles?pillar=security');
      const b = await request(app).get('/roles?pillar=reliability');
      expect(a.headers.etag).not.toBe(b.headers.etag);
    });
  });

  describe('GET /suggestions', () => {
    it('suggests roles for a system, with reasons that name the evidence', async () => {
      const res = await request(app).get(
        '/suggestions?entityRef=system:default/payments',
      );
      expect(res.status).toBe(200);
      expect(res.body.entityRef).toBe('system:default/payments');
      const sre = res.body.suggestions.find(
        (s: { roleId: string }) => s.roleId === 'site-reliability-engineer',
      );
      expect(sre).toMatchObject({
        roleTitle: 'Site Reliability Engineer',
        pillarIds: ['operational-excellence', 'reliability'],
        score: 3,
        reasons: [
          {
            ruleId: 'production-workloads',
            signal: 'production-workload',
            message: 'runs in production as a service',
            entityRefs: ['component:default/payments-api'],
          },
        ],
      });
    });

    it.each([
      ['', /Give the query parameter 'entityRef': give one text of 1 to 512/],
      ['?entityRef=', /Invalid 'entityRef': give one text of 1 to 512/],
      [
        '?entityRef=payments',
        /Invalid entityRef 'payments': an entity ref looks like kind:namespace\/name/,
      ],
      ['?entityRef=a&entityRef=b', /Invalid 'entityRef'/],
      ['?entityRef=system:default/payments%00', /Invalid 'entityRef'/],
      [
        '?entityRef=resource:default/payments-db',
        /Suggestions are made for System and Component entities, not for 'resource'/,
      ],
    ])(
      'answers %s with a 400 that says what a ref looks like',
      async (query, message) => {
        const res = await request(app).get(`/suggestions${query}`);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
      },
    );

    it('answers an entity that does not exist with a 404', async () => {
      const res = await request(app).get(
        '/suggestions?entityRef=system:default/nope',
      );
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(
        "No entity 'system:default/nope' in the catalog, or you may not see it",
      );
    });

    it('answers 503 with a plain message when the catalog fails', async () => {
      const catalog = catalogServiceMock.mock({
        getEntitiesByRefs: async () => {
          throw new Error('connect ECONNREFUSED 10.0.0.1:7007');
        },
      });
      const broken = await appFor(dataset, catalog);
      const res = await request(broken).get(
        '/suggestions?entityRef=system:default/payments',
      );
      expect(res.status).toBe(503);
      expect(res.body.error.message).toBe(
        'The catalog did not answer, so this cannot be answered right now; try again shortly',
      );
      expect(JSON.stringify(res.body)).not.toContain('ECONNREFUSED');
    });
  });

  describe('role links', () => {
    const sreTeam = encodeURIComponent('group:default/sre-team');
    let auditor: ReturnType<typeof mockServices.auditor.mock>;
    let auditEvent: { success: jest.Mock; fail: jest.Mock };

    beforeEach(async () => {
      auditEvent = { success: jest.fn(), fail: jest.fn() };
      auditor = mockServices.auditor.mock({
        createEvent: jest.fn(async () => auditEvent),
      });
      app = await appFor(dataset, undefined, { auditor });
    });

    it('lists the groups that hold a role, from the catalog and the portal', async () => {
      await request(app)
        .put(
          `/roles/site-reliability-engineer/groups/${encodeURIComponent(
            'group:default/data-team',
          )}`,
        )
        .expect(201);
      const res = await request(app).get(
        '/roles/site-reliability-engineer/groups',
      );
      expect(res.status).toBe(200);
      expect(
        res.body.items.map((h: { groupRef: string; sources: string[] }) => [
          h.groupRef,
          h.sources,
        ]),
      ).toEqual([
        ['group:default/data-team', ['portal']],
        ['group:default/payments-team', ['catalog']],
        ['group:default/sre-team', ['catalog']],
        ['group:default/web-team', ['catalog']],
      ]);
      expect(res.body.items[0]).toMatchObject({
        displayName: 'The data-team',
        portalLink: { createdBy: 'user:default/mock' },
      });
    });

    it('links a role to a group idempotently, and records who did it', async () => {
      const first = await request(app).put(
        `/roles/incident-response-manager/groups/${sreTeam}`,
      );
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        groupRef: 'group:default/sre-team',
        displayName: 'The sre-team',
        sources: ['portal'],
        portalLink: { createdBy: 'user:default/mock' },
      });
      const again = await request(app).put(
        '/roles/incident-response-manager/groups/sre-team',
      );
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);

      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'role-link-create',
          meta: {
            roleId: 'incident-response-manager',
            groupRef: 'group:default/sre-team',
            actor: 'user:default/mock',
          },
        }),
      );
      expect(auditEvent.success).toHaveBeenCalledTimes(2);
      expect(auditEvent.fail).not.toHaveBeenCalled();

      const roles = await request(app).get(`/groups/${sreTeam}/roles`);
      expect(
        roles.body.items.map((r: { roleId: string; sources: string[] }) => [
          r.roleId,
          r.sources,
        ]),
      ).toEqual([
        ['incident-response-manager', ['portal']],
        ['site-reliability-engineer', ['catalog']],
      ]);
    });

    it('unlinks a portal link', async () => {
      await request(app)
        .put(`/roles/incident-response-manager/groups/${sreTeam}`)
        .expect(201);
      const res = await request(app).delete(
        `/roles/incident-response-manager/groups/${sreTeam}`,
      );
      expect(res.status).toBe(204);
      expect(auditor.createEvent).toHaveBeenLastCalledWith(
        expect.objectContaining({ eventId: 'role-link-delete' }),
      );
      const gone = await request(app).delete(
        `/roles/incident-response-manager/groups/${sreTeam}`,
      );
      expect(gone.status).toBe(404);
      expect(auditEvent.fail).toHaveBeenCalledTimes(1);
    });

    it('refuses to delete a catalog link, saying where to change it', async () => {
      const res = await request(app).delete(
        `/roles/site-reliability-engineer/groups/${sreTeam}`,
      );
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe(
        "The link of 'site-reliability-engineer' to 'group:default/sre-team' comes from the catalog: remove 'site-reliability-engineer' from the well-architected/roles annotation in the Group's YAML",
      );
    });

    it.each([
      [
        'component:default/payments-api',
        400,
        "'component:default/payments-api' is not a Group; roles are linked to Groups, like group:default/sre-team",
      ],
      [
        'group:default/nobody',
        404,
        "No Group 'group:default/nobody' in the catalog, or you may not see it",
      ],
      [
        'group:',
        400,
        "Invalid group ref 'group:': a group ref looks like group:default/sre-team",
      ],
    ])('refuses to link %s with a %i', async (groupRef, status, message) => {
      const res = await request(app).put(
        `/roles/site-reliability-engineer/groups/${encodeURIComponent(
          groupRef,
        )}`,
      );
      expect(res.status).toBe(status);
      expect(res.body.error.message).toBe(message);
      expect(auditEvent.fail).toHaveBeenCalled();
    });

    it('answers an unknown role with a 404 and a malformed one with a 400', async () => {
      const unknown = await request(app).put(`/roles/sre/groups/${sreTeam}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toBe(
        "No role 'sre'; GET /api/well-architected/roles lists the role ids",
      );
      const malformed = await request(app).get('/roles/SRE!/groups');
      expect(malformed.status).toBe(400);
    });

    it('reports role ids in a Group annotation that the dataset does not have', async () => {
      const res = await request(app).get(
        `/groups/${encodeURIComponent('group:default/payments-team')}/roles`,
      );
      expect(res.status).toBe(200);
      expect(res.body.unknownRoleIds).toEqual(['not-a-role']);
      expect(res.body.items.map((r: { roleId: string }) => r.roleId)).toEqual([
        'site-reliability-engineer',
      ]);
      const missing = await request(app).get('/groups/nobody/roles');
      expect(missing.status).toBe(404);
    });

    it.each([
      ['put', 'well-architected.role-link.create'],
      ['delete', 'well-architected.role-link.delete'],
    ] as const)(
      'answers %s with a 403 when the permission is denied',
      async (method, permission) => {
        const denied = await appFor(dataset, undefined, {
          auditor,
          permissions: mockServices.permissions({
            result: AuthorizeResult.DENY,
          }),
        });
        const res = await request(denied)[method](
          `/roles/incident-response-manager/groups/${sreTeam}`,
        );
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          `You may not change the roles of group:default/sre-team: the permission ${permission} is not granted to you for this link`,
        );
        expect(auditEvent.fail).toHaveBeenCalledWith({
          error: expect.objectContaining({ name: 'NotAllowedError' }),
        });
      },
    );

    it.each(['put', 'delete'] as const)(
      'answers %s without credentials with a 401 and changes nothing',
      async method => {
        const res = await request(app)
          [method](`/roles/incident-response-manager/groups/${sreTeam}`)
          .set('Authorization', mockCredentials.none.header());
        expect(res.status).toBe(401);
        const holders = await request(app).get(
          '/roles/incident-response-manager/groups',
        );
        expect(holders.body.items).toEqual([]);
      },
    );
  });

  it.each([
    '/pillars',
    '/roles',
    '/roles/devops-engineer',
    '/suggestions?entityRef=system:default/payments',
    '/roles/devops-engineer/groups',
    '/groups/sre-team/roles',
  ])('rejects %s without credentials', async path => {
    const res = await request(app)
      .get(path)
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('answers 503 while the dataset is not loaded', async () => {
    const empty = await appFor(undefined);
    const res = await request(empty).get('/roles');
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/has not been loaded yet/);
  });
});
