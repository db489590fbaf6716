import { Entity } from '@backstage/catalog-model';

/** A small payments system: one production service, a database and a public API. */
export const exampleEntities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { owner: 'group:default/payments-team' },
    relations: [
      { type: 'hasPart', targetRef: 'component:default/payments-api' },
      { type: 'hasPart', targetRef: 'resource:default/payments-db' },
    ],
  },
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
