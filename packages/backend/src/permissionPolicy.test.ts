import {
  AuthService,
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  roleLinkCreatePermission,
  roleLinkResourceRef,
  evaluationRefreshPermission,
  suggestionDecidePermission,
} from 'backstage-plugin-well-architected-common';
import permissionPlugin from '@backstage/plugin-permission-backend';
import wellArchitectedPlugin, {
  wellArchitectedCatalogReadsServiceRef,
} from 'backstage-plugin-well-architected-backend';
import request from 'supertest';
import examplePolicy, {
  ADMINS_GROUP,
  ExamplePermissionPolicy,
} from './permissionPolicy';

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team' },
});

/** The Groups each user belongs to, as the catalog's sign-in resolvers would put in their token. */
const memberships: Record<string, string[]> = {
  'user:default/guest': ['group:default/sre-team'],
  'user:default/ada': [ADMINS_GROUP],
};

/**
 * The mock auth service, except that a plugin's request on behalf of a user carries the plugin as
 * the actor, as the real one does. The permission framework relies on it: it refuses conditional
 * answers to a user's own direct requests, and the mock drops the actor.
 */
const authWithActors = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const inner = mockServices.auth({ pluginId: plugin.getId() });
    const auth: AuthService = {
      authenticate: (token, options) => inner.authenticate(token, options),
      getNoneCredentials: () => inner.getNoneCredentials(),
      getOwnServiceCredentials: () => inner.getOwnServiceCredentials(),
      isPrincipal: inner.isPrincipal.bind(inner) as AuthService['isPrincipal'],
      getLimitedUserToken: credentials =>
        inner.getLimitedUserToken(credentials),
      listPublicServiceKeys: () => inner.listPublicServiceKeys(),
      async getPluginRequestToken(options) {
        if (!inner.isPrincipal(options.onBehalfOf, 'user')) {
          return inner.getPluginRequestToken(options);
        }
        return {
          token: mockCredentials.user.token(
            options.onBehalfOf.principal.userEntityRef,
            { actor: { subject: `plugin:${plugin.getId()}` } },
          ),
        };
      },
    };
    return auth;
  },
});

const guest = mockCredentials.user.header('user:default/guest');
const ada = mockCredentials.user.header('user:default/ada');
const link = (groupName: string) =>
  `/api/well-architected/roles/incident-response-manager/groups/${encodeURIComponent(
    `group:default/${groupName}`,
  )}`;

describe('the example permission policy', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        wellArchitectedPlugin,
        permissionPlugin,
        examplePolicy,
        permissionsServiceFactory,
        authWithActors,
        mockServices.rootConfig.factory({
          data: { permission: { enabled: true } },
        }),
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () => ({
            async getUserInfo(credentials) {
              const { userEntityRef } =
                credentials.principal as BackstageUserPrincipal;
              return {
                userEntityRef,
                ownershipEntityRefs: [
                  userEntityRef,
                  ...(memberships[userEntityRef] ?? []),
                ],
              };
            },
          }),
        }),
        catalogServiceMock.factory({
          entities: [
            group('sre-team'),
            group('payments-team'),
            group('admins'),
          ],
        }),
        // The plugin reads the catalog through the mock above, not over HTTP.
        createServiceFactory({
          service: wellArchitectedCatalogReadsServiceRef,
          deps: { catalog: catalogServiceRef },
          factory: ({ catalog }) => catalog,
        }),
      ],
    }));
  });

  it('lets a member link and unlink roles for their own Group', async () => {
    const made = await request(server)
      .put(link('sre-team'))
      .set('Authorization', guest);
    expect(made.status).toBe(201);
    const removed = await request(server)
      .delete(link('sre-team'))
      .set('Authorization', guest);
    expect(removed.status).toBe(204);
  });

  it('refuses a user who is not a member of the Group, and lets an admin', async () => {
    const refused = await request(server)
      .put(link('payments-team'))
      .set('Authorization', guest);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(
      'well-architected.role-link.create',
    );
    await request(server)
      .put(link('payments-team'))
      .set('Authorization', ada)
      .expect(201);
    await request(server)
      .delete(link('payments-team'))
      .set('Authorization', guest)
      .expect(403);
    await request(server)
      .delete(link('payments-team'))
      .set('Authorization', ada)
      .expect(204);
  });

  it("answers the frontend's per-link questions as the API decides", async () => {
    const res = await request(server)
      .post('/api/permission/authorize')
      .set('Authorization', guest)
      .send({
        items: ['sre-team', 'payments-team'].map(name => ({
          id: name,
          permission: roleLinkCreatePermission,
          resourceRef: roleLinkResourceRef({
            roleId: 'incident-response-manager',
            groupRef: `group:default/${name}`,
          }),
        })),
      });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: 'sre-team', result: AuthorizeResult.ALLOW },
      { id: 'payments-team', result: AuthorizeResult.DENY },
    ]);
  });
});

describe('the example policy on decisions about suggested roles and refreshes', () => {
  const policy = new ExamplePermissionPolicy();
  const userWith = (claims: string[]) => ({
    identity: {
      type: 'user' as const,
      userEntityRef: claims[0],
      ownershipEntityRefs: claims,
    },
    info: { userEntityRef: claims[0], ownershipEntityRefs: claims },
    token: 'token',
    credentials: mockCredentials.user(claims[0]),
  });

  it.each([suggestionDecidePermission, evaluationRefreshPermission])(
    "gives $name to the entity's owners, as the catalog resolves isEntityOwner",
    async permission => {
      const claims = ['user:default/guest', 'group:default/sre-team'];
      expect(await policy.handle({ permission }, userWith(claims))).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: { claims },
        },
      });
    },
  );

  it.each([suggestionDecidePermission, evaluationRefreshPermission])(
    'gives $name to admins for every entity',
    async permission => {
      expect(
        await policy.handle(
          { permission },
          userWith(['user:default/ada', ADMINS_GROUP]),
        ),
      ).toEqual({ result: AuthorizeResult.ALLOW });
    },
  );
});
