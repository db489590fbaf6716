import { createHash } from 'node:crypto';
import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { EntityFilterQuery } from '@backstage/catalog-client';
import {
  CompoundEntityRef,
  Entity,
  isSystemEntity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EvaluationInputs,
  EvaluationStore,
  StoredEvaluation,
  StoredOrganisation,
} from '../../database/EvaluationStore';
import { CatalogReads } from '../boundedCatalog';
import { RoleDataset, RoleDatasetSnapshot } from '../RoleDataset';
import {
  EntityNeighbourhood,
  MAX_READ_ROUNDS,
  SUGGESTION_FIELDS,
  SuggestionEngine,
  readNeighbourhood,
} from '../suggestions/SuggestionEngine';
import { GROUP_FIELDS } from '../entityFields';
import { isRefOfKind } from '../entityRefs';
import { DOMAIN_FIELDS, USER_FIELDS, buildOrganisation } from './organisation';

/** The kinds the rules read around a System or Component. */
const NEIGHBOUR_KINDS = ['system', 'component', 'api', 'resource'];

/** The kinds that get suggestions. */
const SUGGESTIBLE_KINDS: Lowercase<string>[] = ['system', 'component'];

/** Whether an entity, or a ref, is of a kind that gets suggestions. */
export const isSuggestible = (ref: Pick<CompoundEntityRef, 'kind'>) =>
  SUGGESTIBLE_KINDS.some(kind => isRefOfKind(ref, kind));

/** Entities per catalog page when config does not say. */
export const DEFAULT_PAGE_SIZE = 500;

/** What one round did, for the log and the benchmark. */
export interface EvaluationRound {
  /** Systems and Components of the shard in the catalog. */
  entities: number;
  /** Rows written: entities whose inputs changed, or that had none. */
  written: number;
  /** Rows removed: entities gone from the catalog. */
  removed: number;
  durationMs: number;
  /**
   * Whether the round found the catalog as the last one left it: nothing written or removed, the
   * same organisation, and Systems or Components to evaluate. A round that ran while the catalog
   * was still processing its entities is not settled, and another round should follow soon.
   */
  settled: boolean;
}

const keyOf = (entity: Entity) =>
  stringifyEntityRef(entity).toLocaleLowerCase('en');

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

/** Which of `shards` shards an entity belongs to: stable across replicas and restarts. */
export function shardOf(entityRef: string, shards: number): number {
  return createHash('sha1').update(entityRef).digest().readUInt32BE(0) % shards;
}

function sameInputs(a: EvaluationInputs, b: EvaluationInputs | undefined) {
  return (
    b !== undefined &&
    a.entityEtag === b.entityEtag &&
    a.neighbourhoodHash === b.neighbourhoodHash &&
    a.datasetVersion === b.datasetVersion &&
    a.ruleConfigHash === b.ruleConfigHash
  );
}

/** A lookup of entities by ref over what has been read. */
type Lookup = (refs: string[]) => Entity[];

function lookupOf(loaded: Map<string, Entity | null>, missing?: Set<string>) {
  return (refs: string[]) =>
    refs.flatMap(r => {
      const found = loaded.get(r.toLocaleLowerCase('en'));
      if (found === undefined) {
        missing?.add(r);
      }
      return found ? [found] : [];
    });
}

/**
 * Evaluates the catalog: reads it in pages with the plugin's own credentials, builds the
 * organisation once per round, and keeps the suggested roles of every System and Component in
 * the plugin's database. Incremental: an entity whose etag, neighbourhood (the refs and etags of
 * what the rules read), dataset version and rule configuration are those of its stored result is
 * not evaluated again. A round reads everything before it writes, so a failing catalog leaves the
 * previous results as they were.
 */
export class CatalogEvaluator {
  /** Whether the last round failed, so that a failing catalog is logged once, not every round. */
  private failing = false;

  constructor(
    private readonly options: {
      /** The catalog of rounds: a failure keeps the previous results and is logged once. */
      catalog: CatalogReads;
      /** The catalog of evaluations made for a request: a failure answers it 503. */
      requestCatalog: CatalogReads;
      auth: AuthService;
      store: EvaluationStore;
      roleDataset: RoleDataset;
      engine: SuggestionEngine;
      /** Hash of the rules and the vocabulary: results made with others are evaluated again. */
      ruleConfigHash: string;
      logger: LoggerService;
      pageSize?: number;
    },
  ) {}

  /**
   * One round over the Systems and Components of `shard` (of `shards`); undefined when the
   * catalog could not be read, in which case nothing was written.
   */
  async runRound(
    { shard, shards }: { shard: number; shards: number } = {
      shard: 0,
      shards: 1,
    },
  ): Promise<EvaluationRound | undefined> {
    const { store, logger } = this.options;
    const startedAt = performance.now();
    let read;
    try {
      read = await this.readCatalog();
    } catch (error) {
      if (!this.failing) {
        logger.warn(
          `Could not read the catalog to evaluate suggestions; the previous results are kept and the next rounds try again: ${error}`,
        );
      }
      this.failing = true;
      return undefined;
    }
    if (this.failing) {
      logger.info('The catalog answers again; suggestions are evaluated');
      this.failing = false;
    }
    const { entities, organisation } = read;
    const now = new Date();
    const organisationWritten = await store.writeOrganisation({
      hash: sha256(JSON.stringify(organisation)),
      organisation,
      evaluatedAt: now,
    });

    const loaded = new Map<string, Entity | null>(
      entities.map(e => [keyOf(e), e]),
    );
    const get = lookupOf(loaded);
    const [stored, base] = await Promise.all([
      store.listInputs(),
      this.baseInputs(),
    ]);
    const mine = entities.filter(
      e => isSuggestible(e) && shardOf(keyOf(e), shards) === shard,
    );
    const changed: StoredEvaluation[] = [];
    for (const entity of mine) {
      const { hood, inputs } = this.inputsOf(entity, get, base.inputs);
      if (!sameInputs(inputs, stored.get(keyOf(entity)))) {
        changed.push(this.evaluate(hood, inputs, base.dataset, now));
      }
    }
    await store.writeEvaluations(changed);
    const present = new Set(mine.map(keyOf));
    const gone = [...stored.keys()].filter(
      ref => shardOf(ref, shards) === shard && !present.has(ref),
    );
    await store.deleteEvaluations(gone);
    const round = {
      entities: mine.length,
      written: changed.length,
      removed: gone.length,
      durationMs: Math.round(performance.now() - startedAt),
      settled:
        changed.length === 0 &&
        gone.length === 0 &&
        !organisationWritten &&
        entities.some(isSuggestible),
    };
    logger.info(
      `Evaluated ${round.entities} Systems and Components (shard ${
        shard + 1
      } of ${shards}) in ${round.durationMs} ms: ${round.written} written, ${
        round.removed
      } removed`,
    );
    return round;
  }

  /**
   * Evaluates one entity now, reading its neighbourhood from the catalog, for an entity asked for
   * before any round evaluated it; undefined when the catalog does not have it.
   */
  async evaluateEntity(
    entityRef: string,
  ): Promise<StoredEvaluation | undefined> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const loaded = new Map<string, Entity | null>();
    const [entity] = await this.readRefs([entityRef], loaded, credentials);
    if (!entity) {
      return undefined;
    }
    // Breadth first: each round reads, in one batch, every entity the neighbourhood names that
    // has not been read yet.
    for (let round = 0; round < MAX_READ_ROUNDS; round++) {
      const missing = new Set<string>();
      readNeighbourhood(entity, lookupOf(loaded, missing));
      if (missing.size === 0) {
        break;
      }
      await this.readRefs([...missing], loaded, credentials);
    }
    const base = await this.baseInputs();
    const { hood, inputs } = this.inputsOf(
      entity,
      lookupOf(loaded),
      base.inputs,
    );
    const evaluation = this.evaluate(hood, inputs, base.dataset, new Date());
    await this.options.store.writeEvaluations([evaluation]);
    return evaluation;
  }

  /**
   * The organisation of the last round, or, before any round, read from the catalog now (and
   * stored for the other replicas).
   */
  async organisation(): Promise<StoredOrganisation> {
    const stored = await this.options.store.readOrganisation();
    if (stored) {
      return stored;
    }
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const read = (filter: EntityFilterQuery, fields: string[]) =>
      this.readAll(this.options.requestCatalog, filter, fields, credentials);
    const [groups, users, domains, systems] = await Promise.all([
      read({ kind: 'group' }, GROUP_FIELDS),
      read({ kind: 'user' }, USER_FIELDS),
      read({ kind: 'domain' }, DOMAIN_FIELDS),
      read({ kind: 'system' }, SUGGESTION_FIELDS),
    ]);
    const organisation = buildOrganisation({ groups, users, domains, systems });
    const built = {
      hash: sha256(JSON.stringify(organisation)),
      organisation,
      evaluatedAt: new Date(),
    };
    await this.options.store.writeOrganisation(built);
    return built;
  }

  /** Everything a round needs, read before anything is written. */
  private async readCatalog() {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const read = (filter: EntityFilterQuery, fields: string[]) =>
      this.readAll(this.options.catalog, filter, fields, credentials);
    const [entities, groups, users, domains] = await Promise.all([
      read({ kind: NEIGHBOUR_KINDS }, SUGGESTION_FIELDS),
      read({ kind: 'group' }, GROUP_FIELDS),
      read({ kind: 'user' }, USER_FIELDS),
      read({ kind: 'domain' }, DOMAIN_FIELDS),
    ]);
    const systems = entities.filter(isSystemEntity);
    return {
      entities,
      organisation: buildOrganisation({ groups, users, domains, systems }),
    };
  }

  /** The inputs every evaluation shares, and the dataset version they name. */
  private async baseInputs() {
    const dataset = await this.options.roleDataset.current();
    return {
      inputs: {
        datasetVersion: dataset.version,
        ruleConfigHash: this.options.ruleConfigHash,
      },
      dataset,
    };
  }

  /** The neighbourhood of an entity, and the inputs its evaluation is made from. */
  private inputsOf(
    entity: Entity,
    get: Lookup,
    base: { datasetVersion: string; ruleConfigHash: string },
  ): { hood: EntityNeighbourhood; inputs: EvaluationInputs } {
    const etags = new Map<string, string>();
    const hood = readNeighbourhood(entity, refs => {
      const found = get(refs);
      for (const ref of refs) {
        etags.set(ref.toLocaleLowerCase('en'), '');
      }
      for (const e of found) {
        etags.set(keyOf(e), e.metadata.etag ?? '');
      }
      return found;
    });
    return {
      hood,
      inputs: {
        entityEtag: entity.metadata.etag ?? '',
        neighbourhoodHash: sha256(
          [...etags]
            .map(([ref, etag]) => `${ref} ${etag}`)
            .sort()
            .join('\n'),
        ),
        ...base,
      },
    };
  }

  private evaluate(
    hood: EntityNeighbourhood,
    inputs: EvaluationInputs,
    dataset: RoleDatasetSnapshot,
    evaluatedAt: Date,
  ): StoredEvaluation {
    return {
      entityRef: keyOf(hood.entity),
      result: this.options.engine.evaluate(hood, dataset),
      evaluatedAt,
      ...inputs,
    };
  }

  /** Every entity that matches `filter`, page by page. */
  private async readAll(
    catalog: CatalogReads,
    filter: EntityFilterQuery,
    fields: string[],
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const limit = this.options.pageSize ?? DEFAULT_PAGE_SIZE;
    const entities: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor ? { cursor, fields, limit } : { filter, fields, limit },
        { credentials },
      );
      entities.push(...page.items);
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return entities;
  }

  private async readRefs(
    refs: string[],
    loaded: Map<string, Entity | null>,
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const { items } = await this.options.requestCatalog.getEntitiesByRefs(
      { entityRefs: refs, fields: SUGGESTION_FIELDS },
      { credentials },
    );
    for (const ref of refs) {
      loaded.set(ref.toLocaleLowerCase('en'), null);
    }
    const found = items.filter((e): e is Entity => Boolean(e));
    for (const e of found) {
      loaded.set(keyOf(e), e);
    }
    return found;
  }
}
