import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { readsWholeCatalog } from './catalogVisibility';

describe('readsWholeCatalog', () => {
  const credentials = mockCredentials.user('user:default/someone');

  it('is true only when the policy allows reading the catalog without conditions', async () => {
    for (const [result, whole] of [
      [AuthorizeResult.ALLOW, true],
      [AuthorizeResult.DENY, false],
    ] as const) {
      const permissions = mockServices.permissions.mock({
        authorizeConditional: async () => [{ result }],
      });
      expect(await readsWholeCatalog(permissions, credentials)).toBe(whole);
      expect(permissions.authorizeConditional).toHaveBeenCalledWith(
        [
          {
            permission: expect.objectContaining({
              name: 'catalog.entity.read',
            }),
          },
        ],
        { credentials },
      );
    }
  });

  it('is false when reading the catalog is conditional', async () => {
    const permissions = mockServices.permissions.mock({
      authorizeConditional: async () => [
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: { claims: ['group:default/team'] },
          },
        },
      ],
    });
    expect(await readsWholeCatalog(permissions, credentials)).toBe(false);
  });
});
