import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  RELATION_API_CONSUMED_BY,
  RELATION_CONSUMES_API,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  PILLAR_IDS,
  PillarId,
  Suggestion,
  SuggestionsResponse,
} from 'backstage-plugin-well-architected-common';
import { CatalogReads } from '../boundedCatalog';
import { RoleCatalog } from '../RoleCatalog';
import { ReviewerService } from './ReviewerService';
import { WeighedEvidence, confidenceOf } from './confidence';
import {
  RuleEvidence,
  SuggestionContext,
  SuggestionRule,
} from 'backstage-plugin-well-architected-node';
import { Neighbourhood, readSignals } from '../signals/readSignals';
import { SignalVocabulary } from '../signals/vocabulary';

/** Only the fields the rules read; the catalog sends nothing else. */
const FIELDS = [
  'kind',
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

const SUGGESTIBLE_KINDS = ['system', 'component'];

const keyOf = (entity: Entity) =>
  stringifyEntityRef(entity).toLocaleLowerCase('en');

/** Rounds of catalog reads after the entity itself; deep enough for the deepest neighbourhood. */
const MAX_READ_ROUNDS = 5;

function targets(entities: Entity[], types: string[]): string[] {
  return entities.flatMap(e =>
    (e.relations ?? [])
      .filter(r => types.includes(r.type))
      .map(r => r.targetRef),
  );
}

function byKind(entities: Entity[], kind: string) {
  return entities.filter(e => e.kind.toLocaleLowerCase('en') === kind);
}

function unique(entities: Entity[]): Entity[] {
  return [...new Map(entities.map(e => [keyOf(e), e])).values()];
}

const isSystemRef = (r: string) =>
  r.toLocaleLowerCase('en').startsWith('system:');

/** The refs of the Systems an entity is part of. */
function systemRefs(entity: Entity): string[] {
  return targets([entity], [RELATION_PART_OF])
    .filter(isSystemRef)
    .map(r => r.toLocaleLowerCase('en'));
}

/**
 * The neighbourhood of an entity, from what `get` can give: a ref it cannot give yet is read in
 * the next round. A System rolls up over its parts and their subcomponents; a Component over its
 * subcomponents, with its System to inherit from.
 */
function readNeighbourhood(
  entity: Entity,
  get: (refs: string[]) => Entity[],
): Neighbourhood & { consumedApis: Entity[] } {
  const isSystem = entity.kind.toLocaleLowerCase('en') === 'system';
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

/**
 * Suggests Well-Architected roles for a System or Component from its catalog data: reads its
 * neighbourhood with the caller's credentials (one batched read per level, whatever the size of
 * the system), turns it into signals and runs the rules over them.
 */
export class SuggestionEngine {
  constructor(
    private readonly options: {
      catalog: CatalogReads;
      roleCatalog: RoleCatalog;
      rules: SuggestionRule[];
      vocabulary: SignalVocabulary;
      reviewers: Pick<ReviewerService, 'suggestReviewers'>;
      logger: LoggerService;
    },
  ) {}

  async suggest(
    entityRef: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<SuggestionsResponse> {
    const ref = stringifyEntityRef(entityRef);
    if (!SUGGESTIBLE_KINDS.includes(entityRef.kind.toLocaleLowerCase('en'))) {
      throw new InputError(
        `Suggestions are made for System and Component entities, not for '${entityRef.kind}'`,
      );
    }
    const [entity] = await this.read([ref], credentials);
    if (!entity) {
      throw new NotFoundError(
        `No entity '${ref}' in the catalog, or you may not see it`,
      );
    }
    const { context, inspected } = await this.buildContext(entity, credentials);
    const roleCatalog = await this.options.roleCatalog.current();

    const byRole = new Map<string, Suggestion>();
    const weighed = new Map<string, WeighedEvidence[]>();
    for (const rule of this.options.rules) {
      const found = evidenceList(rule.evaluate(context));
      if (found.length === 0) {
        continue;
      }
      for (const { roleId, pillarIds } of rule.roles) {
        const suggestion = byRole.get(roleId) ?? {
          roleId,
          roleTitle: roleCatalog.roleTitle(roleId),
          pillarIds: [],
          score: 0,
          confidence: 'weak',
          reasons: [],
          reviewers: [],
        };
        suggestion.score += rule.weight;
        const evidence = [
          ...(weighed.get(roleId) ?? []),
          ...found.map(e => ({
            signal: e.signal ?? rule.id,
            source: e.source ?? 'own',
            weight: rule.weight,
          })),
        ];
        weighed.set(roleId, evidence);
        suggestion.confidence = confidenceOf(evidence);
        suggestion.pillarIds = PILLAR_IDS.filter(
          (p: PillarId) =>
            suggestion.pillarIds.includes(p) || pillarIds.includes(p),
        );
        suggestion.reasons.push(
          ...found.map(({ signal, message, entityRefs }) => ({
            ruleId: rule.id,
            signal: signal ?? rule.id,
            message,
            entityRefs,
          })),
        );
        byRole.set(roleId, suggestion);
      }
    }

    // The strongest reason first: the card shows it on the role's row.
    const weightOf = new Map(this.options.rules.map(r => [r.id, r.weight]));
    const suggestions = [...byRole.values()]
      .map(s => ({
        ...s,
        reasons: [...s.reasons].sort(
          (a, b) =>
            (weightOf.get(b.ruleId) ?? 0) - (weightOf.get(a.ruleId) ?? 0),
        ),
      }))
      .sort((a, b) => b.score - a.score || a.roleId.localeCompare(b.roleId));
    const { ownerRef, reviewers } =
      await this.options.reviewers.suggestReviewers(
        entity,
        suggestions.map(s => s.roleId),
        credentials,
      );
    for (const suggestion of suggestions) {
      suggestion.reviewers = reviewers.get(suggestion.roleId) ?? [];
    }

    return {
      entityRef: ref,
      ownerRef,
      suggestions,
      gaps: PILLAR_IDS.map(pillarId => ({
        pillarId,
        roleIds: suggestions
          .filter(
            s => s.reviewers.length === 0 && s.pillarIds.includes(pillarId),
          )
          .map(s => s.roleId)
          .sort(),
      })).filter(gap => gap.roleIds.length > 0),
      uncoveredPillarIds: PILLAR_IDS.filter(
        pillarId => !suggestions.some(s => s.pillarIds.includes(pillarId)),
      ),
      inspectedEntityRefs: [
        ...new Set(inspected.map(e => stringifyEntityRef(e))),
      ],
      ruleIds: this.options.rules.map(r => r.id),
    };
  }

  /**
   * Reads the neighbourhood breadth first: each round asks the catalog, in one batch, for every
   * entity the neighbourhood names but has not read yet, until nothing is missing.
   */
  private async buildContext(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<{ context: SuggestionContext; inspected: Entity[] }> {
    const loaded = new Map<string, Entity | null>([[keyOf(entity), entity]]);
    for (let round = 0; ; round++) {
      const missing = new Set<string>();
      const get = (refs: string[]) =>
        refs.flatMap(r => {
          const found = loaded.get(r.toLocaleLowerCase('en'));
          if (found === undefined) {
            missing.add(r);
          }
          return found ? [found] : [];
        });
      const hood = readNeighbourhood(entity, get);
      if (missing.size === 0 || round === MAX_READ_ROUNDS) {
        return {
          context: {
            entity,
            parts: hood.parts,
            resources: hood.resources,
            providedApis: hood.providedApis,
            consumedApis: hood.consumedApis,
            signals: readSignals(this.options.vocabulary, hood),
          },
          inspected: [
            entity,
            ...(hood.system ? [hood.system] : []),
            ...hood.parts,
            ...hood.resources,
            ...hood.providedApis,
            ...hood.consumedApis,
            ...hood.dependencies.map(d => d.component),
          ],
        };
      }
      const items = await this.read([...missing], credentials);
      for (const r of missing) {
        loaded.set(r.toLocaleLowerCase('en'), null);
      }
      for (const e of items) {
        loaded.set(keyOf(e), e);
      }
    }
  }

  /** One batched catalog read; a catalog failure becomes a 503 with a plain message. */
  private async read(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    if (refs.length === 0) {
      return [];
    }
    try {
      const { items } = await this.options.catalog.getEntitiesByRefs(
        { entityRefs: refs, fields: FIELDS },
        { credentials },
      );
      return items.filter((e): e is Entity => Boolean(e));
    } catch (error) {
      this.options.logger.warn(
        `Catalog read for suggestions failed: ${String(error)}`,
      );
      throw new ServiceUnavailableError(
        'The catalog did not answer, so no suggestions can be made right now; try again shortly',
      );
    }
  }
}
