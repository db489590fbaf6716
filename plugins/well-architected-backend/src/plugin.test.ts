import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { wellArchitectedPlugin } from './plugin';
import { exampleEntities } from './__testUtils__/exampleEntities';

describe('wellArchitectedPlugin', () => {
  it('loads the bundled dataset at start and serves it under /api/well-architected', async () => {
    const { server } = await startTestBackend({
      features: [wellArchitectedPlugin],
    });

    const pillars = await request(server).get('/api/well-architected/pillars');
    expect(pillars.status).toBe(200);
    expect(pillars.body.items).toHaveLength(6);

    const roles = await request(server).get(
      '/api/well-architected/roles?limit=500',
    );
    expect(roles.status).toBe(200);
    expect(
      roles.body.items.flatMap(
        (r: { responsibilities: unknown[] }) => r.responsibilities,
      ),
    ).toHaveLength(129);

    const sre = await request(server).get(
      '/api/well-architected/roles/site-reliability-engineer',
    );
    expect(sre.status).toBe(200);
    expect(sre.body.responsibilities[0]).toEqual({
      id: 'operational-excellence/technical-engineering-roles/site-reliability-engineer-sre',
      roleId: 'site-reliability-engineer',
      pillarId: 'operational-excellence',
      categoryId: 'operational-excellence/technical-engineering-roles',
      title: 'Site Reliability Engineer (SRE)',
      description:
        'Expert in system resilience, observability, and reducing operational toil.',
      flags: [],
    });
  });

  it('suggests roles for a catalogued system', async () => {
    const { server } = await startTestBackend({
      features: [
        wellArchitectedPlugin,
        catalogServiceMock.factory({ entities: exampleEntities }),
      ],
    });
    const res = await request(server).get(
      '/api/well-architected/suggestions?entityRef=system:default/payments',
    );
    expect(res.status).toBe(200);
    expect(
      res.body.suggestions.map((s: { roleId: string }) => s.roleId),
    ).toContain('database-administrator');

    const missing = await request(server).get(
      '/api/well-architected/suggestions?entityRef=system:default/nope',
    );
    expect(missing.status).toBe(404);
  });

  it.each([
    '/pillars',
    '/roles',
    '/roles/devops-engineer',
    '/suggestions?entityRef=system:default/payments',
  ])('answers %s without credentials with 401', async path => {
    const { server } = await startTestBackend({
      features: [wellArchitectedPlugin],
    });
    const res = await request(server)
      .get(`/api/well-architected${path}`)
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('accepts service credentials', async () => {
    const { server } = await startTestBackend({
      features: [wellArchitectedPlugin],
    });
    const res = await request(server)
      .get('/api/well-architected/pillars')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
  });

  it('fails to start, naming the cause, when the database cannot be reached', async () => {
    await expect(
      startTestBackend({
        features: [
          wellArchitectedPlugin,
          mockServices.database.mock({
            getClient: async () => {
              throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
            },
          }).factory,
        ],
      }),
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
