import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/**
 * The roles page.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'well-architected' });

/**
 * The detail view of one role, below the roles page.
 *
 * @public
 */
export const roleRouteRef = createSubRouteRef({
  id: 'well-architected/role',
  parent: rootRouteRef,
  path: '/roles/:roleId',
});

/**
 * The rules view of the roles page: how owners answered each suggestion rule.
 *
 * @public
 */
export const rulesRouteRef = createSubRouteRef({
  id: 'well-architected/rules',
  parent: rootRouteRef,
  path: '/rules',
});

/**
 * The coverage view of the roles page: Systems × pillars.
 *
 * @public
 */
export const coverageRouteRef = createSubRouteRef({
  id: 'well-architected/coverage',
  parent: rootRouteRef,
  path: '/coverage',
});
