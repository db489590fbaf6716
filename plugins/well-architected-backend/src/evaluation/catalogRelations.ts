import {
  Entity,
  EntityRelation,
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** The spec fields that the catalog turns into relations, with their default kind. */
const SPEC_RELATIONS: Array<{
  field: string;
  defaultKind?: string;
  forward: string;
  backward: string;
}> = [
  {
    field: 'owner',
    defaultKind: 'group',
    forward: RELATION_OWNED_BY,
    backward: RELATION_OWNER_OF,
  },
  {
    field: 'system',
    defaultKind: 'system',
    forward: RELATION_PART_OF,
    backward: RELATION_HAS_PART,
  },
  {
    field: 'domain',
    defaultKind: 'domain',
    forward: RELATION_PART_OF,
    backward: RELATION_HAS_PART,
  },
  {
    field: 'subcomponentOf',
    defaultKind: 'component',
    forward: RELATION_PART_OF,
    backward: RELATION_HAS_PART,
  },
  {
    field: 'providesApis',
    defaultKind: 'api',
    forward: RELATION_PROVIDES_API,
    backward: RELATION_API_PROVIDED_BY,
  },
  {
    field: 'consumesApis',
    defaultKind: 'api',
    forward: RELATION_CONSUMES_API,
    backward: RELATION_API_CONSUMED_BY,
  },
  {
    field: 'dependsOn',
    forward: RELATION_DEPENDS_ON,
    backward: RELATION_DEPENDENCY_OF,
  },
];

/**
 * The entities with the relations that the catalog's built-in processor derives from their spec
 * fields (owner, system, domain, subcomponentOf, providesApis, consumesApis, dependsOn), in both
 * directions. Lets a test read catalog files as written, the way the catalog would serve them.
 */
export function withCatalogRelations(entities: Entity[]): Entity[] {
  const relations = new Map<string, EntityRelation[]>();
  const add = (from: string, type: string, targetRef: string) =>
    relations.set(from, [...(relations.get(from) ?? []), { type, targetRef }]);

  for (const entity of entities) {
    const self = stringifyEntityRef(entity);
    for (const { field, defaultKind, forward, backward } of SPEC_RELATIONS) {
      const value = entity.spec?.[field];
      const targets = (Array.isArray(value) ? value : [value]).filter(
        (v): v is string => typeof v === 'string',
      );
      for (const target of targets) {
        const targetRef = stringifyEntityRef(
          parseEntityRef(target, {
            defaultKind,
            defaultNamespace: entity.metadata.namespace ?? 'default',
          }),
        );
        add(self, forward, targetRef);
        add(targetRef, backward, self);
      }
    }
  }
  return entities.map(entity => ({
    ...entity,
    metadata: { namespace: 'default', ...entity.metadata },
    relations: relations.get(stringifyEntityRef(entity)) ?? [],
  }));
}
