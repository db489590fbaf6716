import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  Category,
  Pillar,
  PillarId,
  PillarsResponse,
  Responsibility,
  ResponsibilityFlag,
  Role,
  RolesQuery,
  RolesResponse,
  RoleSummariesResponse,
} from 'backstage-plugin-well-architected-common';
import { Dataset } from '../dataset/types';
import { RoleStore } from '../database/RoleStore';
import { ROLE_SEARCH_SYNONYMS } from './searchSynonyms';

/** Default and largest page size of `GET /roles`. */
export const ROLES_PAGE = { defaultLimit: 100, maxLimit: 500 } as const;

/**
 * How many serialized `GET /roles` answers a snapshot keeps. The list pages and the pillar filters
 * are few; free-text queries are not, so the memory is bounded.
 */
const SERIALIZED_QUERIES = 256;

interface IndexedRole {
  role: Role;
  /** Lower-cased title and aliases. */
  names: string;
  /**
   * Lower-cased names, title and description of each responsibility, by responsibility id: what
   * a search that does not match the names alone looks in.
   */
  texts: Map<string, string>;
}

/** Letters and digits, in any script: what a word is made of. */
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** By word: a Map, so that a query word such as `constructor` finds nothing of an object's. */
const SYNONYMS = new Map(Object.entries(ROLE_SEARCH_SYNONYMS));

/** The lower-cased words of a query. */
function wordsOf(query: string | undefined): string[] {
  return (query ?? '')
    .toLocaleLowerCase('en')
    .split(/\s+/)
    .filter(word => word !== '');
}

/** Whether a lower-cased text holds the word at the start of one of its words. */
function startsAWord(text: string, word: string): boolean {
  for (
    let at = text.indexOf(word);
    at !== -1;
    at = text.indexOf(word, at + 1)
  ) {
    if (at === 0 || !WORD_CHARACTER.test(text[at - 1])) {
      return true;
    }
  }
  return false;
}

/**
 * Whether a role's lower-cased text holds every word of the query, each at the start of a word of
 * the text (`dba` finds "DBA" but not "feedback") or naming the role as a synonym
 * ({@link ROLE_SEARCH_SYNONYMS}: `pager` finds the Incident Response Manager). Without words,
 * everything matches.
 */
function searchFor(
  query: string | undefined,
): (text: string, roleId: string) => boolean {
  const words = wordsOf(query);
  return (text, roleId) =>
    words.every(
      word => SYNONYMS.get(word)?.includes(roleId) || startsAWord(text, word),
    );
}

function byTitle(a: { title: string }, b: { title: string }) {
  return a.title.localeCompare(b.title, 'en');
}

/** Roles by lower-cased name; null for a name that more than one role has. */
function rolesByName(
  roles: IndexedRole[],
  names: (role: Role) => string[],
): Map<string, Role | null> {
  const found = new Map<string, Role | null>();
  for (const { role } of roles) {
    for (const name of names(role)) {
      const key = name.toLocaleLowerCase('en');
      const other = found.get(key);
      found.set(key, other === undefined || other === role ? role : null);
    }
  }
  return found;
}

/**
 * An immutable view of one dataset version, indexed for the queries of the API. Built once per
 * version, so that a request costs a filter over a few hundred objects and no database query.
 */
export class RoleDatasetSnapshot {
  readonly version: string;
  private readonly pillarsResponse: PillarsResponse;
  private readonly summaries: RoleSummariesResponse;
  private readonly roles: IndexedRole[];
  private readonly roleById: Map<string, Role>;
  private readonly roleByTitle: Map<string, Role | null>;
  private readonly roleByAlias: Map<string, Role | null>;
  private readonly categoryIds: Set<string>;
  private readonly serializedRoles = new Map<string, Buffer>();

  constructor(dataset: Dataset) {
    this.version = dataset.version;
    const pillarOrder = new Map(dataset.pillars.map(p => [p.id, p.order]));
    const categoryOrder = new Map(dataset.categories.map(c => [c.id, c.order]));
    this.categoryIds = new Set(categoryOrder.keys());

    const responsibilitiesByRole = new Map<string, Responsibility[]>();
    for (const { order: _order, ...r } of dataset.responsibilities) {
      const list = responsibilitiesByRole.get(r.roleId) ?? [];
      list.push(r);
      responsibilitiesByRole.set(r.roleId, list);
    }
    const entryOrder = new Map(
      dataset.responsibilities.map(r => [r.id, r.order]),
    );

    this.roles = dataset.roles
      .map(({ id, title, aliases }): IndexedRole => {
        const responsibilities = (responsibilitiesByRole.get(id) ?? []).sort(
          (a, b) =>
            pillarOrder.get(a.pillarId)! - pillarOrder.get(b.pillarId)! ||
            categoryOrder.get(a.categoryId)! -
              categoryOrder.get(b.categoryId)! ||
            entryOrder.get(a.id)! - entryOrder.get(b.id)!,
        );
        const pillarIds = [...new Set(responsibilities.map(r => r.pillarId))];
        const names = [title, ...aliases].join('\n');
        return {
          role: { id, title, aliases, pillarIds, responsibilities },
          names: names.toLocaleLowerCase('en'),
          texts: new Map(
            responsibilities.map(r => [
              r.id,
              `${names}\n${r.title}\n${r.description}`.toLocaleLowerCase('en'),
            ]),
          ),
        };
      })
      .filter(indexed => indexed.role.responsibilities.length > 0)
      .sort((a, b) => byTitle(a.role, b.role));
    this.roleById = new Map(this.roles.map(({ role }) => [role.id, role]));
    this.roleByTitle = rolesByName(this.roles, role => [role.title]);
    this.roleByAlias = rolesByName(this.roles, role => role.aliases);
    this.summaries = {
      items: this.roles.map(({ role: { id, title, aliases } }) => ({
        id,
        title,
        aliases,
      })),
    };

    const rolesIn = (keep: (r: Responsibility) => boolean) =>
      new Set(dataset.responsibilities.filter(keep).map(r => r.roleId)).size;
    this.pillarsResponse = {
      items: dataset.pillars.map(
        (p): Pillar => ({
          id: p.id,
          title: p.title,
          order: p.order,
          roleCount: rolesIn(r => r.pillarId === p.id),
          categories: dataset.categories
            .filter(c => c.pillarId === p.id)
            .map(
              (c): Category => ({
                id: c.id,
                pillarId: c.pillarId,
                title: c.title,
                order: c.order,
                roleCount: rolesIn(r => r.categoryId === c.id),
              }),
            ),
        }),
      ),
    };
  }

  pillars(): PillarsResponse {
    return this.pillarsResponse;
  }

  /** Every role's id, title and aliases, ordered by title. */
  roleSummaries(): RoleSummariesResponse {
    return this.summaries;
  }

  /**
   * Roles that hold at least one responsibility matching the query. A role whose title or
   * aliases hold the words, or that the words name as synonyms, keeps all its responsibilities
   * inside the pillar and category filter, and comes first; otherwise only the responsibilities whose own text (with the role's names)
   * holds them are kept.
   */
  listRoles(query: RolesQuery): RolesResponse {
    const { pillar, category, q } = query;
    const limit = query.limit ?? ROLES_PAGE.defaultLimit;
    const offset = query.offset ?? 0;
    if (category !== undefined && !this.categoryIds.has(category)) {
      const valid = this.pillarsResponse.items
        .filter(p => pillar === undefined || p.id === pillar)
        .flatMap(p => p.categories.map(c => c.id));
      throw new InputError(
        `Unknown category '${category}'. Valid categories${
          pillar ? ` of pillar '${pillar}'` : ''
        } are: ${valid.join(', ')}`,
      );
    }
    const found = searchFor(q);

    const byName: Role[] = [];
    const byText: Role[] = [];
    for (const { role, names, texts } of this.roles) {
      const nameMatches = found(names, role.id);
      const responsibilities = role.responsibilities.filter(
        r =>
          (pillar === undefined || r.pillarId === pillar) &&
          (category === undefined || r.categoryId === category) &&
          (nameMatches || found(texts.get(r.id)!, role.id)),
      );
      const matches = nameMatches ? byName : byText;
      if (responsibilities.length === role.responsibilities.length) {
        matches.push(role);
      } else if (responsibilities.length > 0) {
        matches.push({ ...role, responsibilities });
      }
    }
    // Roles found by their name come before those found in a responsibility's text.
    const matches = [...byName, ...byText];
    return {
      items: matches.slice(offset, offset + limit),
      totalCount: matches.length,
      limit,
      offset,
    };
  }

  /**
   * {@link RoleDatasetSnapshot.listRoles} as a JSON body, encoded in UTF-8. The answer of a query
   * only changes with the dataset version, so it is serialized once per snapshot instead of on
   * every request.
   */
  listRolesJson(query: RolesQuery): Buffer {
    const { pillar, category, q, limit, offset } = query;
    const key = JSON.stringify([pillar, category, q, limit, offset]);
    let json = this.serializedRoles.get(key);
    if (json === undefined) {
      json = Buffer.from(JSON.stringify(this.listRoles(query)));
      if (this.serializedRoles.size >= SERIALIZED_QUERIES) {
        this.serializedRoles.clear();
      }
      this.serializedRoles.set(key, json);
    }
    return json;
  }

  hasRole(roleId: string): boolean {
    return this.roleById.has(roleId);
  }

  /** The role's display title, or its id for a role this version no longer has. */
  roleTitle(roleId: string): string {
    return this.roleById.get(roleId)?.title ?? roleId;
  }

  /**
   * The role with this id, or with this title or alias, in any case; undefined when there is
   * none, or when the text is an alias of several roles.
   */
  findRole(idOrName: string): Role | undefined {
    const text = idOrName.trim().toLocaleLowerCase('en');
    return (
      this.roleById.get(text) ??
      this.roleByTitle.get(text) ??
      this.roleByAlias.get(text) ??
      undefined
    );
  }

  /** The pillars in which the dataset marks the role's responsibility with `flag`. */
  flaggedPillars(roleId: string, flag: ResponsibilityFlag): PillarId[] {
    return [
      ...new Set(
        (this.roleById.get(roleId)?.responsibilities ?? [])
          .filter(r => r.flags.includes(flag))
          .map(r => r.pillarId),
      ),
    ];
  }

  getRole(roleId: string): Role {
    const role = this.roleById.get(roleId);
    if (!role) {
      throw new NotFoundError(`No Well-Architected role with id '${roleId}'`);
    }
    return role;
  }
}

/** How long a replica serves the dataset version it last read before it reads it again. */
export const VERSION_CHECK_MS = 1000;

/**
 * Serves the role dataset from a snapshot of the loaded dataset version. The stored version is
 * read again at most once a second, in the background: when another replica has loaded a
 * different version, the snapshot is rebuilt from the database. A version's content never
 * changes, so the snapshot is served meanwhile, and while the database cannot be reached.
 */
export class RoleDataset {
  private snapshot?: RoleDatasetSnapshot;
  private checkedAt = 0;
  private refreshing?: Promise<RoleDatasetSnapshot>;

  constructor(
    private readonly store: RoleStore,
    private readonly now: () => number = Date.now,
  ) {}

  async current(): Promise<RoleDatasetSnapshot> {
    if (!this.snapshot) {
      return this.refresh();
    }
    if (this.now() - this.checkedAt >= VERSION_CHECK_MS) {
      // A failed check is tried again by the next call; the link endpoints report the outage.
      this.refresh().catch(() => {});
    }
    return this.snapshot;
  }

  /** Reads the stored version, and the dataset when it changed; one read at a time. */
  private refresh(): Promise<RoleDatasetSnapshot> {
    this.refreshing ??= this.read().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async read(): Promise<RoleDatasetSnapshot> {
    const version = await this.store.getDatasetVersion();
    if (!this.snapshot || version !== this.snapshot.version) {
      const dataset = await this.store.readStoredDataset();
      if (!dataset) {
        throw new ServiceUnavailableError(
          'The Well-Architected dataset has not been loaded yet; try again shortly',
        );
      }
      this.snapshot = new RoleDatasetSnapshot(dataset);
    }
    this.checkedAt = this.now();
    return this.snapshot;
  }
}
