import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  CoverageCell,
  CoverageQuery,
  CoverageResponse,
  CoverageState,
  CoverageSystem,
  PILLAR_IDS,
  PillarId,
} from 'backstage-plugin-well-architected-common';
import { EvaluationStore, StoredEvaluation } from '../database/EvaluationStore';
import { RoleLinkStore } from '../database/RoleLinkStore';
import { CatalogReads } from './boundedCatalog';
import { readableRefs } from './catalogVisibility';
import { CatalogEvaluator } from './evaluation/CatalogEvaluator';
import { Organisation } from './evaluation/model';
import { RoleDataset } from './RoleDataset';
import { normalizeRef } from './RoleLinkService';
import { ReviewerService } from './suggestions/ReviewerService';
import { toSuggestion } from './suggestions/SuggestionService';

const DEFAULT_LIMIT = 100;

/** A role suggested for a System, with the pillars it serves there as the caller may see them. */
interface VisibleRole {
  roleId: string;
  pillarIds: PillarId[];
}

/** The state of a pillar from how many of its suggested roles have a reviewer group. */
function stateOf(covered: number, missing: number): CoverageState {
  if (covered + missing === 0) {
    return 'not-needed';
  }
  if (missing === 0) {
    return 'covered';
  }
  return covered === 0 ? 'gap' : 'partly';
}

/** `group` and every Group inside it, to any depth; a cycle in the hierarchy ends the walk. */
function groupAndDescendants(
  groupRef: string,
  organisation: Organisation,
): Set<string> {
  const found = new Set<string>();
  const queue = [groupRef];
  while (queue.length > 0) {
    const ref = queue.pop()!;
    if (!found.has(ref)) {
      found.add(ref);
      queue.push(...(organisation.groups[ref]?.childRefs ?? []));
    }
  }
  return found;
}

/** How many cells of a row are in `state`. */
const count = (cells: CoverageCell[], state: CoverageState) =>
  cells.filter(c => c.state === state).length;

/**
 * Answers `GET /coverage` from the stored evaluation of every System: for each pillar, the roles
 * suggested there and whether each has a reviewer group (a Group's annotation or a portal link, as
 * the links are now). What the caller may read is asked of the catalog once, with the caller's
 * credentials, and decides, as on the reviewers card, which Systems count, which reasons (and so
 * which roles) are seen, which Groups hold a role and whether the owner and Domain are named.
 */
export class CoverageService {
  constructor(
    private readonly options: {
      store: Pick<EvaluationStore, 'listSystemEvaluations'>;
      evaluator: Pick<CatalogEvaluator, 'organisation'>;
      links: Pick<RoleLinkStore, 'listLinks'>;
      roleDataset: RoleDataset;
      reviewers: ReviewerService;
      catalog: CatalogReads;
    },
  ) {}

  async coverage(
    query: CoverageQuery,
    credentials: BackstageCredentials,
  ): Promise<CoverageResponse> {
    const [evaluations, { organisation }, links, roleDataset] =
      await Promise.all([
        this.options.store.listSystemEvaluations(),
        this.options.evaluator.organisation(),
        this.options.links.listLinks(),
        this.options.roleDataset.current(),
      ]);
    const roleIds = [
      ...new Set(evaluations.flatMap(e => e.result.roles.map(r => r.roleId))),
    ];
    const holders = this.options.reviewers.holdersOf(
      roleIds,
      organisation,
      links,
    );
    const visible = await readableRefs(
      this.options.catalog,
      [
        ...evaluations.flatMap(({ result }) => [
          result.entityRef,
          ...(result.ownerRef ? [result.ownerRef] : []),
          ...(result.domainRef ? [result.domainRef] : []),
          ...result.roles.flatMap(r => r.reasons.flatMap(x => x.entityRefs)),
        ]),
        ...[...holders.values()].flat().map(h => h.groupRef),
      ],
      credentials,
    );
    const held = new Set(
      [...holders]
        .filter(([, groups]) => groups.some(h => visible(h.groupRef)))
        .map(([roleId]) => roleId),
    );

    const pillarIds = PILLAR_IDS.filter(
      p => !query.pillar || p === query.pillar,
    );
    const matches = this.filter(query, organisation, visible);
    const rows = evaluations
      .filter(e => visible(e.result.entityRef) && matches(e))
      .map(({ result, evaluatedAt }): CoverageSystem => {
        const roles = result.roles.flatMap((role): VisibleRole[] => {
          const suggestion = toSuggestion(role, roleDataset, visible);
          return suggestion ? [suggestion] : [];
        });
        return {
          entityRef: result.entityRef,
          name: result.title ?? parseEntityRef(result.entityRef).name,
          ownerRef:
            result.ownerRef && visible(result.ownerRef)
              ? result.ownerRef
              : undefined,
          domainRef:
            result.domainRef && visible(result.domainRef)
              ? result.domainRef
              : undefined,
          lifecycles: result.lifecycles ?? [],
          ...(result.tier && { tier: result.tier }),
          cells: pillarIds.map(pillarId => {
            const suggested = roles
              .filter(r => r.pillarIds.includes(pillarId))
              .map(r => r.roleId)
              .sort();
            const coveredRoleIds = suggested.filter(id => held.has(id));
            const missingRoleIds = suggested.filter(id => !held.has(id));
            return {
              pillarId,
              state: stateOf(coveredRoleIds.length, missingRoleIds.length),
              coveredRoleIds,
              missingRoleIds,
            };
          }),
          evaluatedAt: evaluatedAt.toISOString(),
        };
      });
    if (query.sort === 'gaps') {
      rows.sort(
        (a, b) =>
          count(b.cells, 'gap') - count(a.cells, 'gap') ||
          count(b.cells, 'partly') - count(a.cells, 'partly') ||
          a.entityRef.localeCompare(b.entityRef),
      );
    }
    const limit = query.limit ?? DEFAULT_LIMIT;
    const offset = query.offset ?? 0;
    return {
      pillarIds,
      tiers: [
        ...new Set(
          evaluations.flatMap(({ result }) =>
            result.tier && visible(result.entityRef) ? [result.tier] : [],
          ),
        ),
      ].sort(),
      totals: pillarIds.map((pillarId, i) => {
        const states = rows.map(row => row.cells[i].state);
        const of = (state: CoverageState) =>
          states.filter(s => s === state).length;
        return {
          pillarId,
          covered: of('covered'),
          partly: of('partly'),
          gap: of('gap'),
          notNeeded: of('not-needed'),
        };
      }),
      items: rows.slice(offset, offset + limit),
      totalCount: rows.length,
      limit,
      offset,
    };
  }

  /**
   * Whether an evaluation matches the owner, Domain, lifecycle, tier and search filters. The owner and
   * Domain filters match only through refs the caller may read, so that a filter cannot tell what
   * an unreadable Group or Domain owns.
   */
  private filter(
    query: CoverageQuery,
    organisation: Organisation,
    visible: (ref: string) => boolean,
  ): (evaluation: StoredEvaluation) => boolean {
    const owners =
      query.owner &&
      groupAndDescendants(normalizeRef(query.owner), organisation);
    const domain = query.domain && normalizeRef(query.domain);
    const tier = query.tier?.toLocaleLowerCase('en');
    const words = (query.q ?? '')
      .toLocaleLowerCase('en')
      .split(/\s+/)
      .filter(Boolean);
    return ({ result }) => {
      const text = `${parseEntityRef(result.entityRef).name} ${
        result.title ?? ''
      }`.toLocaleLowerCase('en');
      return (
        (!owners ||
          (result.ownerRef !== undefined &&
            owners.has(result.ownerRef) &&
            visible(result.ownerRef))) &&
        (!domain ||
          (result.domainRef === domain && visible(result.domainRef))) &&
        (!query.lifecycle ||
          (result.lifecycles ?? []).includes(query.lifecycle)) &&
        (!tier || result.tier === tier) &&
        words.every(word => text.includes(word))
      );
    };
  }
}
