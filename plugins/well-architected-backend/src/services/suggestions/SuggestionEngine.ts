import {
  Entity,
  RELATION_API_CONSUMED_BY,
  RELATION_CONSUMES_API,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
  isSystemEntity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  RuleEvidence,
  SuggestionRule,
} from 'backstage-plugin-well-architected-node';
import { isRefOfKind, isSystemRef } from '../entityRefs';
import { EntityEvaluation, EvaluatedRole } from '../evaluation/model';
import {
  Neighbourhood,
  criticalityLabel,
  lifecycleMeaning,
  readSignals,
} from '../signals/readSignals';
import { SignalVocabulary } from '../signals/vocabulary';
import { FlaggedResponsibilities, fitRoles } from './roleFit';

/** Only the fields the rules read, and the etag that tells a changed entity; the catalog sends nothing else. */
export const SUGGESTION_FIELDS = [
  'kind',
  'metadata.etag',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.tags',
  'metadata.labels',
  'metadata.annotations',
  'metadata.links',
  'spec.type',
  'spec.lifecycle',
  'relations',
];

const keyOf = (entity: Entity) =>
  stringifyEntityRef(entity).toLocaleLowerCase('en');

/** Levels of subcomponents followed; deep enough for the deepest neighbourhood. */
export const MAX_READ_ROUNDS = 5;

function targets(entities: Entity[], types: string[]): string[] {
  return entities.flatMap(e =>
    (e.relations ?? [])
      .filter(r => types.includes(r.type))
      .map(r => r.targetRef),
  );
}

function byKind(entities: Entity[], kind: Lowercase<string>) {
  return entities.filter(e => isRefOfKind(e, kind));
}

function unique(entities: Entity[]): Entity[] {
  return [...new Map(entities.map(e => [keyOf(e), e])).values()];
}

/** The refs of the Systems an entity is part of. */
function systemRefs(entity: Entity): string[] {
  return targets([entity], [RELATION_PART_OF])
    .filter(isSystemRef)
    .map(r => r.toLocaleLowerCase('en'));
}

/** The neighbourhood the signals are read from, and the APIs the entity consumes. */
export type EntityNeighbourhood = Neighbourhood & { consumedApis: Entity[] };

/**
 * The neighbourhood of an entity, from what `get` can give: a ref it cannot give yet is read in
 * the next round. A System rolls up over its parts and their subcomponents; a Component over its
 * subcomponents, with its System to inherit from.
 */
export function readNeighbourhood(
  entity: Entity,
  get: (refs: string[]) => Entity[],
): EntityNeighbourhood {
  const isSystem = isSystemEntity(entity);
  let parts = isSystem ? get(targets([entity], [RELATION_HAS_PART])) : [entity];
  // Subcomponents, to any depth the rounds allow.
  for (let level = 0; level < MAX_READ_ROUNDS; level++) {
    const more = unique([
      ...parts,
      ...get(targets(byKind(parts, 'component'), [RELATION_HAS_PART])),
    ]);
    if (more.length === parts.length) {
      break;
    }
    parts = more;
  }
  const workloads = unique(isSystem ? [entity, ...parts] : parts);
  const partRefs = new Set(parts.map(keyOf));
  const dependedOn = get(targets(workloads, [RELATION_DEPENDS_ON]));
  const homeSystemRef = isSystem ? keyOf(entity) : systemRefs(entity)[0];
  const providedApis = unique([
    ...byKind(parts, 'api'),
    ...get(targets(workloads, [RELATION_PROVIDES_API])),
  ]);
  const consumedApis = unique(get(targets(workloads, [RELATION_CONSUMES_API])));
  return {
    entity,
    system: isSystem ? undefined : get(systemRefs(entity))[0],
    homeSystemRef,
    parts,
    resources: unique([
      ...byKind(parts, 'resource'),
      ...byKind(dependedOn, 'resource'),
    ]),
    providedApis,
    consumedApis,
    providerSystems: unique(get(consumedApis.flatMap(systemRefs))),
    dependencies: byKind(dependedOn, 'component')
      .filter(c => !partRefs.has(keyOf(c)))
      .map(component => ({
        component,
        system: get(systemRefs(component))[0],
      })),
    consumerSystems: new Map(
      providedApis.map(api => [
        keyOf(api),
        get(targets([api], [RELATION_API_CONSUMED_BY])).flatMap(systemRefs),
      ]),
    ),
  };
}

/** What a rule returned, as a list. */
function evidenceList(
  found: RuleEvidence | RuleEvidence[] | undefined,
): RuleEvidence[] {
  if (!found) {
    return [];
  }
  return Array.isArray(found) ? found : [found];
}

const lowerTargets = (entity: Entity | undefined, type: string) =>
  targets(entity ? [entity] : [], [type]).map(r => r.toLocaleLowerCase('en'));

/**
 * Suggests Well-Architected roles for a System or Component from its neighbourhood in the catalog:
 * turns it into signals and runs the rules over them. Reads nothing itself: the evaluator gives
 * it the entities it has read.
 */
export class SuggestionEngine {
  private readonly weightOf: Map<string, number>;

  constructor(
    private readonly options: {
      rules: SuggestionRule[];
      vocabulary: SignalVocabulary;
    },
  ) {
    this.weightOf = new Map(options.rules.map(r => [r.id, r.weight]));
  }

  /**
   * The roles the rules suggest for the entity whose neighbourhood is given, fitted to its
   * lifecycle and to what the role dataset marks optional.
   */
  evaluate(
    hood: EntityNeighbourhood,
    dataset: FlaggedResponsibilities,
  ): EntityEvaluation {
    const { entity } = hood;
    const context = {
      entity,
      parts: hood.parts,
      resources: hood.resources,
      providedApis: hood.providedApis,
      consumedApis: hood.consumedApis,
      signals: readSignals(this.options.vocabulary, hood),
    };
    const byRole = new Map<string, EvaluatedRole>();
    for (const rule of this.options.rules) {
      const found = evidenceList(rule.evaluate(context));
      for (const { roleId, pillarIds } of found.length > 0 ? rule.roles : []) {
        const role = byRole.get(roleId) ?? { roleId, reasons: [] };
        role.reasons.push(
          ...found.map(e => ({
            ruleId: rule.id,
            signal: e.signal ?? rule.id,
            message: e.message,
            entityRefs: e.entityRefs,
            source: e.source ?? 'own',
            weight: rule.weight,
            pillarIds,
          })),
        );
        byRole.set(roleId, role);
      }
    }
    const lifecycled = [entity, ...hood.parts].filter(
      e => typeof e.spec?.lifecycle === 'string',
    );
    const fitted = fitRoles([...byRole.values()], {
      signals: context.signals,
      retiring:
        lifecycled.length > 0 &&
        lifecycled.every(
          e => lifecycleMeaning(this.options.vocabulary, e) === 'deprecated',
        ),
      dataset,
    });
    // The strongest reason first: the card shows it on the role's row.
    const roles = fitted.map(role => ({
      ...role,
      reasons: [...role.reasons].sort(
        (a, b) =>
          (this.weightOf.get(b.ruleId) ?? 0) -
          (this.weightOf.get(a.ruleId) ?? 0),
      ),
    }));
    const inspected = [
      entity,
      ...(hood.system ? [hood.system] : []),
      ...hood.parts,
      ...hood.resources,
      ...hood.providedApis,
      ...hood.consumedApis,
      ...hood.dependencies.map(d => d.component),
    ];
    const partOf = [
      ...lowerTargets(entity, RELATION_PART_OF),
      ...lowerTargets(hood.system, RELATION_PART_OF),
    ];
    const lifecycles = lifecycled.map(e => String(e.spec!.lifecycle));
    return {
      entityRef: stringifyEntityRef(entity),
      title: entity.metadata.title,
      lifecycles: [...new Set(lifecycles)].sort(),
      tier: criticalityLabel(this.options.vocabulary, entity),
      ownerRef: lowerTargets(entity, RELATION_OWNED_BY)[0],
      domainRef: partOf.find(r => r.startsWith('domain:')),
      roles,
      inspectedEntityRefs: [
        ...new Set(inspected.map(e => stringifyEntityRef(e))),
      ],
      ruleIds: this.options.rules.map(r => r.id),
    };
  }
}
