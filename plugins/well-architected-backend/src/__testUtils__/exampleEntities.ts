import { Entity } from '@backstage/catalog-model';

/** A Group with the roles its annotation declares and its relations, as `[type, targetRef]`. */
export function group(
  name: string,
  roles: string | undefined,
  relations: Array<[string, string]>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      namespace: 'default',
      ...(roles && { annotations: { 'well-architected/roles': roles } }),
    },
    spec: { type: 'team', profile: { displayName: `The ${name}` } },
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  };
}

function user(name: string, displayName: string, memberOf: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { profile: { displayName } },
    relations: memberOf.map(groupName => ({
      type: 'memberOf',
      targetRef: `group:default/${groupName}`,
    })),
  };
}

/**
 * A small payments system (one production service, a database and a public API) in the commerce
 * domain, and the organisation around it: payments-team inside engineering, with a child team
 * and two sibling teams, one of them owning a System in the same domain.
 */
export const exampleEntities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { owner: 'group:default/payments-team', domain: 'commerce' },
    relations: [
      { type: 'hasPart', targetRef: 'component:default/payments-api' },
      { type: 'hasPart', targetRef: 'resource:default/payments-db' },
      { type: 'ownedBy', targetRef: 'group:default/payments-team' },
      { type: 'partOf', targetRef: 'domain:default/commerce' },
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'commerce', namespace: 'default' },
    spec: { owner: 'group:default/engineering' },
    relations: [
      { type: 'ownedBy', targetRef: 'group:default/engineering' },
      { type: 'hasPart', targetRef: 'system:default/payments' },
      { type: 'hasPart', targetRef: 'system:default/storefront' },
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'storefront', namespace: 'default' },
    spec: { owner: 'group:default/web-team', domain: 'commerce' },
    relations: [
      { type: 'ownedBy', targetRef: 'group:default/web-team' },
      { type: 'partOf', targetRef: 'domain:default/commerce' },
    ],
  },
  group('engineering', 'database-administrator', [
    ['parentOf', 'group:default/payments-team'],
    ['parentOf', 'group:default/web-team'],
    ['parentOf', 'group:default/sre-team'],
  ]),
  group('payments-team', 'site-reliability-engineer, not-a-role', [
    ['childOf', 'group:default/engineering'],
    ['parentOf', 'group:default/fraud-squad'],
    ['hasMember', 'user:default/bob'],
    ['hasMember', 'user:default/alice'],
  ]),
  group('fraud-squad', 'security-architect', [
    ['childOf', 'group:default/payments-team'],
  ]),
  group('web-team', 'site-reliability-engineer backup-administrator', [
    ['childOf', 'group:default/engineering'],
  ]),
  group('sre-team', 'site-reliability-engineer', [
    ['childOf', 'group:default/engineering'],
    ['hasMember', 'user:default/carol'],
  ]),
  group('data-team', undefined, []),
  user('alice', 'Alice Example', ['payments-team']),
  user('bob', 'Bob Example', ['payments-team']),
  user('carol', 'Carol Example', ['sre-team']),
  user('dave', 'Dave Example', ['web-team']),
  user('erin', 'Erin Example', ['fraud-squad']),
  user('ivan', 'Ivan Chief', ['engineering']),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
    relations: [
      { type: 'partOf', targetRef: 'system:default/payments' },
      { type: 'dependsOn', targetRef: 'resource:default/payments-db' },
      { type: 'providesApi', targetRef: 'api:default/payments-public-api' },
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'payments-db', namespace: 'default' },
    spec: { type: 'database', owner: 'payments-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: 'payments-public-api',
      namespace: 'default',
      tags: ['public'],
    },
    spec: { type: 'openapi', lifecycle: 'production', owner: 'payments-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'lonely-db', namespace: 'default' },
    spec: { type: 'database', owner: 'payments-team' },
  },
];
