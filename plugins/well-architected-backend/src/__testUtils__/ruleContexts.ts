import { Entity, RELATION_CONSUMES_API } from '@backstage/catalog-model';
import { SuggestionContext } from 'backstage-plugin-well-architected-node';
import { Neighbourhood, readSignals } from '../services/signals/readSignals';
import { defaultVocabulary } from '../services/signals/vocabulary';

/** A production service Component, with overrides. */
export function component(
  name: string,
  overrides: { spec?: object; metadata?: object } = {},
): Entity {
  const spec = { type: 'service', lifecycle: 'production', ...overrides.spec };
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', ...overrides.metadata },
    spec,
    // Every Component calls a backend unless a test says otherwise: a website that calls nothing
    // and depends on nothing serves static files.
    relations: [
      { type: RELATION_CONSUMES_API, targetRef: 'api:default/backend' },
    ],
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

/** An OpenAPI API with the given tags, in production unless told otherwise. */
export function api(
  name: string,
  tags: string[] = [],
  lifecycle = 'production',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name, namespace: 'default', tags },
    spec: { type: 'openapi', lifecycle },
  };
}

/** A System with the given tags and labels. */
export function system(name: string, metadata: object = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name, namespace: 'default', ...metadata },
    spec: {},
  };
}

/** A neighbourhood around an entity; a Component is its own only part unless parts are given. */
export function neighbourhood(
  entity: Entity,
  around: Partial<Omit<Neighbourhood, 'entity'>> = {},
): Neighbourhood {
  return {
    entity,
    parts: [entity],
    resources: [],
    providedApis: [],
    dependencies: [],
    consumerSystems: new Map(),
    ...around,
  };
}

/** A context around an entity, with its signals read through the default vocabulary. */
export function context(
  entity: Entity,
  around: Partial<Omit<Neighbourhood, 'entity'>> & {
    consumedApis?: Entity[];
  } = {},
): SuggestionContext {
  const hood = neighbourhood(entity, around);
  return {
    entity,
    parts: hood.parts,
    resources: hood.resources,
    providedApis: hood.providedApis,
    consumedApis: around.consumedApis ?? [],
    signals: readSignals(defaultVocabulary, hood),
  };
}
