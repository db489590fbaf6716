import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import request from 'supertest';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  SuggestionRule,
  roleLinkPermissionResourceRef,
  wellArchitectedSuggestionsExtensionPoint,
} from 'backstage-plugin-well-architected-node';
import { wellArchitectedPlugin } from './plugin';
import { exampleEntities } from './__testUtils__/exampleEntities';
import { catalogReadsFromCatalogService } from './__testUtils__/services';

function rulesModule(rule: SuggestionRule) {
  return createBackendModule({
    pluginId: 'well-architected',
    moduleId: 'test-rules',
    register(env) {
      env.registerInit({
        deps: { suggestions: wellArchitectedSuggestionsExtensionPoint },
        async init({ suggestions }) {
          suggestions.addRules(rule);
        },
      });
    },
  });
}

async function suggestedRoles(
  features: Parameters<typeof startTestBackend>[0]['features'],
) {
  const { server } = await startTestBackend({
    features: [
      wellArchitectedPlugin,
      catalogServiceMock.factory({ entities: exampleEntities }),
      catalogReadsFromCatalogService,
      ...(features ?? []),
    ],
  });
  const res = await request(server).get(
    '/api/well-architected/suggestions?entityRef=system:default/payments',
  );
  expect(res.status).toBe(200);
  return res.body.suggestions as Array<{
    roleId: string;
    score: number;
    reasons: Array<{ ruleId: string; message: string }>;
  }>;
}

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
        catalogReadsFromCatalogService,
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

  it('registers its permissions: the role link resource type with its rules, the decision and refresh permissions on catalog entities, and the rule feedback read permission', async () => {
    const permissionsRegistry = mockServices.permissionsRegistry.mock();
    await startTestBackend({
      features: [wellArchitectedPlugin, permissionsRegistry.factory],
    });
    expect(permissionsRegistry.addResourceType).toHaveBeenCalledWith({
      resourceRef: roleLinkPermissionResourceRef,
      permissions: [
        expect.objectContaining({
          name: 'well-architected.role-link.create',
          resourceType: 'well-architected-role-link',
        }),
        expect.objectContaining({
          name: 'well-architected.role-link.delete',
          resourceType: 'well-architected-role-link',
        }),
      ],
      rules: [
        expect.objectContaining({ name: 'IS_GROUP_MEMBER_OR_OWNER' }),
        expect.objectContaining({ name: 'IS_ROLE' }),
        expect.objectContaining({ name: 'HAS_PILLAR' }),
      ],
      getResources: expect.any(Function),
    });
    expect(permissionsRegistry.addPermissions).toHaveBeenCalledWith([
      expect.objectContaining({
        name: 'well-architected.suggestion.decide',
        resourceType: 'catalog-entity',
      }),
      expect.objectContaining({
        name: 'well-architected.evaluation.refresh',
        resourceType: 'catalog-entity',
      }),
      {
        type: 'basic',
        name: 'well-architected.rule-feedback.read',
        attributes: { action: 'read' },
      },
    ]);
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

  describe('suggestion rules', () => {
    const cacheRule = {
      id: 'database-backed-services',
      match: { type: ['service'], resourceTypes: ['database'] },
      role: 'performance-engineer',
      pillar: 'performance-efficiency',
      message: 'services that keep state in a database: {entities}',
      weight: 4,
    };

    it('follow wellArchitected.suggestions in app-config', async () => {
      const before = await suggestedRoles([]);
      expect(before.map(s => s.roleId)).not.toContain('performance-engineer');
      expect(before.map(s => s.roleId)).toContain('database-administrator');

      const after = await suggestedRoles([
        mockServices.rootConfig.factory({
          data: {
            wellArchitected: {
              suggestions: {
                disabledRules: ['databases'],
                rules: [cacheRule],
              },
            },
          },
        }),
      ]);
      expect(after.map(s => s.roleId)).not.toContain('database-administrator');
      expect(after.find(s => s.roleId === 'performance-engineer')).toEqual({
        roleId: 'performance-engineer',
        roleTitle: 'Performance Engineer',
        pillarIds: ['performance-efficiency'],
        score: 4,
        confidence: 'strong',
        reviewers: [],
        reasons: [
          {
            ruleId: 'database-backed-services',
            signal: 'configured-match',
            message:
              'services that keep state in a database: payments-api and payments-db',
            entityRefs: [
              'component:default/payments-api',
              'resource:default/payments-db',
            ],
          },
        ],
      });
    });

    it('stop the start, naming the key, when a configured rule is wrong', async () => {
      await expect(
        startTestBackend({
          features: [
            wellArchitectedPlugin,
            mockServices.rootConfig.factory({
              data: {
                wellArchitected: {
                  suggestions: { rules: [{ ...cacheRule, role: 'dba' }] },
                },
              },
            }),
          ],
        }),
      ).rejects.toThrow(
        "Invalid config at wellArchitected.suggestions.rules[0].role: the Well-Architected dataset has no role 'dba'",
      );
    });

    it('take rules from backend modules through the extension point', async () => {
      const suggestions = await suggestedRoles([
        rulesModule({
          id: 'public-api-load',
          roles: [
            {
              roleId: 'performance-engineer',
              pillarIds: ['performance-efficiency'],
            },
          ],
          weight: 2,
          evaluate: ({ providedApis }) => ({
            message: `provides ${providedApis.length} APIs`,
            entityRefs: providedApis.map(a => `api:default/${a.metadata.name}`),
          }),
        }),
      ]);
      expect(
        suggestions.find(s => s.roleId === 'performance-engineer'),
      ).toMatchObject({
        score: 2,
        reasons: [
          {
            ruleId: 'public-api-load',
            message: 'provides 1 APIs',
            entityRefs: ['api:default/payments-public-api'],
          },
        ],
      });
    });

    it('refuse a module rule that names an unknown role', async () => {
      await expect(
        startTestBackend({
          features: [
            wellArchitectedPlugin,
            rulesModule({
              id: 'typo',
              roles: [{ roleId: 'sre', pillarIds: ['reliability'] }],
              weight: 1,
              evaluate: () => undefined,
            }),
          ],
        }),
      ).rejects.toThrow(
        "Suggestion rule 'typo' names role 'sre', which the Well-Architected dataset does not have",
      );
    });
  });
});
