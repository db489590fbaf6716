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
} from 'backstage-plugin-well-architected-common';
import { Dataset } from './dataset/types';
import { createRouter } from './router';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { RoleCatalog } from './services/RoleCatalog';
import { defaultSuggestionRules } from './services/suggestions/defaultRules';
import { SuggestionEngine } from './services/suggestions/SuggestionEngine';
import { bundledDataset, inMemoryRoleStore } from './__testUtils__/testDataset';
import { exampleEntities } from './__testUtils__/exampleEntities';

async function appFor(
  dataset: Dataset | undefined,
  catalog: CatalogService = catalogServiceMock({ entities: exampleEntities }),
) {
  const roleCatalog = new RoleCatalog(inMemoryRoleStore(dataset));
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    roleCatalog,
    suggestionEngine: new SuggestionEngine({
      catalog,
      roleCatalog,
      rules: defaultSuggestionRules,
      logger: mockServices.logger.mock(),
    }),
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
      [
        `?q=${'x'.repeat(201)}`,
        /Invalid 'q': give one search text of at most 200 characters/,
      ],
      ['?q=a&q=b', /Invalid 'q'/],
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
      expect(res.body.error.message).toMatch(/role ids are lower-case slugs/);
    });
  });

  describe('caching', () => {
    it.each([
      '/pillars',
      '/roles?pillar=security',
      '/roles/site-reliability-engineer',
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
            ruleId: 'production-services',
            message: '`payments-api` is a production service',
            entityRefs: ['component:default/payments-api'],
          },
        ],
      });
    });

    it.each([
      ['', /Give exactly one query parameter 'entityRef'/],
      ['?entityRef=', /Give exactly one query parameter 'entityRef'/],
      [
        '?entityRef=payments',
        /Invalid entityRef 'payments': an entity ref looks like kind:namespace\/name/,
      ],
      ['?entityRef=a&entityRef=b', /Give exactly one query parameter/],
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
        'The catalog did not answer, so no suggestions can be made right now; try again shortly',
      );
      expect(JSON.stringify(res.body)).not.toContain('ECONNREFUSED');
    });
  });

  it.each([
    '/pillars',
    '/roles',
    '/roles/devops-engineer',
    '/suggestions?entityRef=system:default/payments',
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
