import { Entity } from '@backstage/catalog-model';
import { SuggestionContext } from 'backstage-plugin-well-architected-node';

/** A production service Component, with overrides. */
export function component(
  name: string,
  overrides: { spec?: object; metadata?: object } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', ...overrides.metadata },
    spec: { type: 'service', lifecycle: 'production', ...overrides.spec },
  };
}

/** A Resource of the given type. */
export function resource(
  name: string,
  type: string,
  metadata: object = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default', ...metadata },
    spec: { type },
  };
}

/** An OpenAPI API with the given tags. */
export function api(name: string, tags: string[] = []): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name, namespace: 'default', tags },
    spec: { type: 'openapi', lifecycle: 'production' },
  };
}

/** A component's context: the component is its own only part. */
export function context(
  entity: Entity,
  around: Partial<Omit<SuggestionContext, 'entity' | 'parts'>> = {},
): SuggestionContext {
  return {
    entity,
    parts: [entity],
    resources: [],
    providedApis: [],
    consumedApis: [],
    ...around,
  };
}
