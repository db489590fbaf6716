import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  RELATION_CONSUMES_API,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
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
import {
  SuggestionContext,
  SuggestionRule,
} from 'backstage-plugin-well-architected-node';

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

/**
 * Suggests Well-Architected roles for a System or Component from its catalog data. Reads the
 * catalog with the caller's credentials, in at most three batched round trips whatever the size of
 * the system: the entity, then its parts and direct relations, then what its parts depend on.
 */
export class SuggestionEngine {
  constructor(
    private readonly options: {
      catalog: CatalogReads;
      roleCatalog: RoleCatalog;
      rules: SuggestionRule[];
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
    const context = await this.buildContext(entity, credentials);
    const roleCatalog = await this.options.roleCatalog.current();

    const byRole = new Map<string, Suggestion>();
    for (const rule of this.options.rules) {
      const found = rule.evaluate(context);
      if (!found) {
        continue;
      }
      for (const { roleId, pillarIds } of rule.roles) {
        const suggestion = byRole.get(roleId) ?? {
          roleId,
          roleTitle: roleCatalog.roleTitle(roleId),
          pillarIds: [],
          score: 0,
          reasons: [],
          reviewers: [],
        };
        suggestion.score += rule.weight;
        suggestion.pillarIds = PILLAR_IDS.filter(
          (p: PillarId) =>
            suggestion.pillarIds.includes(p) || pillarIds.includes(p),
        );
        suggestion.reasons.push({ ruleId: rule.id, ...found });
        byRole.set(roleId, suggestion);
      }
    }

    const suggestions = [...byRole.values()].sort(
      (a, b) => b.score - a.score || a.roleId.localeCompare(b.roleId),
    );
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
      inspectedEntityRefs: [
        ...new Set(
          [
            context.entity,
            ...context.parts,
            ...context.resources,
            ...context.providedApis,
            ...context.consumedApis,
          ].map(e => stringifyEntityRef(e)),
        ),
      ],
      ruleIds: this.options.rules.map(r => r.id),
    };
  }

  private async buildContext(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<SuggestionContext> {
    const isSystem = entity.kind.toLocaleLowerCase('en') === 'system';
    const direct = await this.read(
      targets(
        [entity],
        [
          RELATION_HAS_PART,
          RELATION_DEPENDS_ON,
          RELATION_PROVIDES_API,
          RELATION_CONSUMES_API,
        ],
      ),
      credentials,
    );
    const loaded = new Map<string, Entity>();
    for (const e of [entity, ...direct]) {
      loaded.set(stringifyEntityRef(e).toLocaleLowerCase('en'), e);
    }
    const get = (refs: string[]) =>
      refs.flatMap(r => loaded.get(r.toLocaleLowerCase('en')) ?? []);

    const parts = isSystem
      ? get(targets([entity], [RELATION_HAS_PART]))
      : [entity];
    const workloads = isSystem ? [entity, ...parts] : [entity];
    const missing = [
      ...new Set(
        targets(workloads, [
          RELATION_DEPENDS_ON,
          RELATION_PROVIDES_API,
          RELATION_CONSUMES_API,
        ]),
      ),
    ].filter(r => !loaded.has(r.toLocaleLowerCase('en')));
    for (const e of await this.read(missing, credentials)) {
      loaded.set(stringifyEntityRef(e).toLocaleLowerCase('en'), e);
    }

    const unique = (entities: Entity[]) => [
      ...new Map(entities.map(e => [stringifyEntityRef(e), e])).values(),
    ];
    return {
      entity,
      parts,
      resources: unique([
        ...byKind(parts, 'resource'),
        ...byKind(get(targets(workloads, [RELATION_DEPENDS_ON])), 'resource'),
      ]),
      providedApis: unique([
        ...byKind(parts, 'api'),
        ...get(targets(workloads, [RELATION_PROVIDES_API])),
      ]),
      consumedApis: unique(get(targets(workloads, [RELATION_CONSUMES_API]))),
    };
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
