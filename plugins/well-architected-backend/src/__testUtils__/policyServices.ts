import {
  BackstageCredentials,
  PermissionsService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { exampleEntities } from './exampleEntities';

/** The users of the visibility tests: one the catalog hides things from, one the policy denies. */
export const restricted = 'user:default/restricted';
export const denied = 'user:default/denied';
export const admin = 'user:default/admin';

/**
 * What a catalog hides from a restricted user in the visibility tests: Groups that hold roles, a
 * member, a System, a Resource.
 */
export const hidden = [
  'group:default/fraud-squad',
  'group:default/data-team',
  'group:default/engineering',
  'user:default/alice',
  'system:default/storefront',
  'resource:default/payments-db',
];

/** How the hidden entities could show in an answer besides their refs: names and display names. */
export const hiddenWords = [
  ...hidden,
  'fraud-squad',
  'data-team',
  '`engineering`',
  'The engineering',
  'Alice Example',
  'storefront',
  'payments-db',
];

/** The user entity ref of a user principal, or undefined for services and nobody. */
function userOf({ principal }: BackstageCredentials): string | undefined {
  return (principal as { userEntityRef?: string }).userEntityRef;
}

/**
 * A catalog over `entities` in which the user `from` cannot read the `hidden` entities, as a
 * catalog permission policy would hide them: they are left out of every answer to that user.
 */
export function hidingCatalogFactory(options: {
  entities: Entity[];
  hidden: string[];
  from: string;
}) {
  const inner = catalogServiceMock({ entities: options.entities });
  const hides = (credentials: BackstageCredentials, entity: Entity) =>
    userOf(credentials) === options.from &&
    options.hidden.includes(stringifyEntityRef(entity));
  const catalog: Pick<
    CatalogService,
    'getEntities' | 'getEntitiesByRefs' | 'queryEntities'
  > = {
    async getEntities(request, opts) {
      const answer = await inner.getEntities(request, opts);
      return {
        ...answer,
        items: answer.items.filter(e => !hides(opts.credentials, e)),
      };
    },
    async getEntitiesByRefs(request, opts) {
      const answer = await inner.getEntitiesByRefs(request, opts);
      return {
        items: answer.items.map(e =>
          e && hides(opts.credentials, e) ? undefined : e,
        ),
      };
    },
    async queryEntities(request, opts) {
      const answer = await inner.queryEntities(request, opts);
      return {
        ...answer,
        items: answer.items.filter(e => !hides(opts.credentials, e)),
      };
    },
  };
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    // The plugin reads the catalog with these methods only; any other call fails the test.
    factory: () => catalog as CatalogService,
  });
}

/** `hidesFrom` of `policyPermissions`: reading the catalog is conditional for every user. */
export const EVERY_USER = '*';

/**
 * A permission service that denies every request of the user `deny`, and allows all others, except
 * that reading the catalog is conditional for the user `hidesFrom` (for every user when it is
 * `EVERY_USER`): what a catalog policy that hides some entities from that user answers (see
 * `hidingCatalogFactory`). Service credentials are allowed everything, as Backstage allows them.
 */
export function policyPermissions(options: {
  deny?: string;
  hidesFrom?: string;
}): PermissionsService {
  const decide = (
    requests: Array<{ permission: { name: string } }>,
    { credentials }: { credentials: BackstageCredentials },
  ) =>
    requests.map(({ permission }) => {
      const user = userOf(credentials);
      if (user && user === options.deny) {
        return { result: AuthorizeResult.DENY };
      }
      if (
        user &&
        (options.hidesFrom === EVERY_USER || user === options.hidesFrom) &&
        permission.name === 'catalog.entity.read'
      ) {
        return {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_ENTITY_KIND',
            resourceType: 'catalog-entity',
            params: { kinds: ['component'] },
          },
        };
      }
      return { result: AuthorizeResult.ALLOW };
    });
  return {
    authorize: async (requests, opts) =>
      decide(requests, opts) as Awaited<
        ReturnType<PermissionsService['authorize']>
      >,
    authorizeConditional: async (requests, opts) =>
      decide(requests, opts) as Awaited<
        ReturnType<PermissionsService['authorizeConditional']>
      >,
  };
}

/** `policyPermissions` as the permissions service of a test backend. */
export function policyPermissionsFactory(
  options: Parameters<typeof policyPermissions>[0],
) {
  const permissions = policyPermissions(options);
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => permissions,
  });
}

/**
 * The services of a test backend on `knex` over the example catalog, in which the catalog hides
 * the `hidden` entities from `restricted` and the policy denies everything to `denied`.
 */
export function restrictedViewFeatures(knex: Knex) {
  return [
    mockServices.database.factory({ knex }),
    policyPermissionsFactory({ deny: denied, hidesFrom: restricted }),
    hidingCatalogFactory({
      entities: exampleEntities,
      hidden,
      from: restricted,
    }),
  ];
}
