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
  RoleSystem,
  RoleSystemsQuery,
  RoleSystemsResponse,
} from 'backstage-plugin-well-architected-common';
import { StoredDecision } from '../database/DecisionStore';
import {
  StoredEvaluation,
  StoredOrganisation,
} from '../database/EvaluationStore';
import { StoredRoleLink } from '../database/RoleLinkStore';
import { coverageCsv } from './coverageCsv';
import { readableRefs, readsWholeCatalog } from './catalogVisibility';
import { groupsFrom, totalsOf } from './coverageRollUps';
import { EntityEvaluation, Organisation } from './evaluation/model';
import { normalizeRef } from './RoleLinkService';
import { toSuggestion } from './suggestions/SuggestionService';
import { EvaluationReads } from './evaluationReads';
import { HeldByRevision } from './HeldByRevision';
import { RoleDatasetSnapshot } from './RoleDataset';
import { ReviewerService } from './suggestions/ReviewerService';

const DEFAULT_LIMIT = 100;

/** The filters and order of the view, which the CSV export and the roll-ups take too. */
type CoverageFilters = Omit<CoverageQuery, 'limit' | 'offset'>;

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
  private readonly evaluations: HeldByRevision<StoredEvaluation[]>;
  private organisation?: StoredOrganisation;
  /** The Systems as a caller who may read the whole catalog sees them, and what they came from. */
  private everything?: { key: string; systems: Promise<Systems> };

  constructor(private readonly options: EvaluationReads) {
    const { store } = options;
    this.evaluations = new HeldByRevision({
      revision: () => store.revision(),
      read: () => store.listSystemEvaluations(),
    });
  }

  async coverage(
    query: CoverageQuery,
    credentials: BackstageCredentials,
  ): Promise<CoverageResponse> {
    const { pillarIds, tiers, rows } = await this.matching(query, credentials);
    return {
      pillarIds,
      tiers,
      totals: totalsOf(rows, pillarIds),
      ...pageOf(rows, query),
    };
  }

  /** The coverage as a spreadsheet: every matching System, in order, whatever the paging says. */
  async coverageCsv(
    query: CoverageFilters,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const { pillarIds, rows } = await this.matching(query, credentials);
    return coverageCsv(pillarIds, rows);
  }

  /**
   * The Systems that match the filters, in the order asked for, with the cells of the pillars
   * asked for; the tiers of every System the caller may read; and the organisation and which refs
   * the caller may read, which the roll-ups group the Systems with.
   */
  async matching(query: CoverageFilters, credentials: BackstageCredentials) {
    const { systems, organisation, visible } = await this.systems(credentials);
    const pillarIndexes = PILLAR_IDS.flatMap((p, i) =>
      !query.pillar || p === query.pillar ? [i] : [],
    );
    const matches = this.filter(query, organisation, visible);
    const rows = systems
      .filter(({ result }) => matches(result))
      .map(({ row }) => ({
        ...row,
        cells: pillarIndexes.map(i => row.cells[i]),
      }));
    if (query.sort === 'gaps') {
      rows.sort(
        (a, b) =>
          count(b.cells, 'gap') - count(a.cells, 'gap') ||
          count(b.cells, 'partly') - count(a.cells, 'partly') ||
          a.entityRef.localeCompare(b.entityRef),
      );
    }
    return {
      pillarIds: pillarIndexes.map(i => PILLAR_IDS[i]),
      tiers: [
        ...new Set(systems.flatMap(({ result }) => result.tier ?? [])),
      ].sort(),
      rows,
      organisation,
      visible,
    };
  }

  /** Every System `credentials` may read, with its cells in every pillar, by entity ref. */
  async systemRows(
    credentials: BackstageCredentials,
  ): Promise<CoverageSystem[]> {
    const { systems } = await this.systems(credentials);
    return systems.map(({ row }) => row);
  }

  /**
   * The Systems the caller may read for which a role is suggested (and not dismissed), with the
   * pillars it is suggested in and its reviewer group: the one pinned when the suggestion was
   * accepted, otherwise the closest Group the caller may read that holds the role. Gaps first.
   */
  async roleSystems(
    roleId: string,
    query: RoleSystemsQuery,
    credentials: BackstageCredentials,
  ): Promise<RoleSystemsResponse> {
    const dataset = await this.options.roleDataset.current();
    dataset.getRole(roleId);
    const { state, limit, offset, ...filters } = query;
    const { systems, organisation, visible, holders, decided } =
      await this.systems(credentials);
    const matches = this.filter(filters, organisation, visible);
    const roleHolders = new Map([[roleId, holders.get(roleId) ?? []]]);
    // The closest holder depends only on where a System sits: one ranking per owner and Domain.
    const closest = new Map<string, string | undefined>();
    const closestTo = (placement: {
      ownerRef?: string;
      domainRef?: string;
    }) => {
      const key = `${placement.ownerRef} ${placement.domainRef}`;
      if (!closest.has(key)) {
        const reviewers = this.options.reviewers
          .reviewersOf(roleHolders, placement, organisation, visible)
          .get(roleId);
        closest.set(key, reviewers?.[0]?.groupRef);
      }
      return closest.get(key);
    };
    const items = systems.flatMap(({ result, row }): RoleSystem[] => {
      const cells = row.cells.filter(
        c =>
          c.coveredRoleIds.includes(roleId) ||
          c.missingRoleIds.includes(roleId),
      );
      if (cells.length === 0 || !matches(result)) {
        return [];
      }
      const covered = cells[0].coveredRoleIds.includes(roleId);
      const decision = decided.get(`${result.entityRef} ${roleId}`);
      const accepted = decision?.decision === 'accepted';
      const pinned =
        accepted && decision.groupRef && visible(decision.groupRef)
          ? decision.groupRef
          : undefined;
      const reviewerGroupRef = accepted ? pinned : closestTo(result);
      return [
        {
          entityRef: row.entityRef,
          name: row.name,
          ...(row.ownerRef && { ownerRef: row.ownerRef }),
          ...(row.domainRef && { domainRef: row.domainRef }),
          lifecycles: row.lifecycles,
          ...(row.tier && { tier: row.tier }),
          pillarIds: cells.map(c => c.pillarId),
          state: covered ? 'covered' : 'gap',
          ...(covered && reviewerGroupRef && { reviewerGroupRef }),
          ...(accepted && { accepted }),
        },
      ];
    });
    items.sort(
      (a, b) =>
        Number(b.state === 'gap') - Number(a.state === 'gap') ||
        a.entityRef.localeCompare(b.entityRef),
    );
    const gap = items.filter(i => i.state === 'gap').length;
    return {
      roleId,
      covered: items.length - gap,
      gap,
      ...pageOf(
        items.filter(i => !state || i.state === state),
        { limit, offset },
      ),
    };
  }

  /**
   * Every System `credentials` may read, with its cells in every pillar. What a caller who may
   * read the whole catalog sees depends only on the stored evaluations, the organisation, the
   * links, the dataset and the decisions in force: it is built once for each change of these and
   * shared by such callers. Anyone else has every System, owner, Domain, reason and holder checked
   * in one catalog request, and the answer built for them.
   */
  private async systems(credentials: BackstageCredentials): Promise<Systems> {
    const [evaluations, organisation, links, roleDataset, decisions, whole] =
      await Promise.all([
        this.evaluations.current(),
        this.currentOrganisation(),
        this.options.links.current(),
        this.options.roleDataset.current(),
        this.options.decisions.listDecisions({ now: new Date() }),
        readsWholeCatalog(this.options.permissions, credentials),
      ]);
    const inputs: SystemsInputs = {
      evaluations: evaluations.value,
      organisation: organisation.organisation,
      links: links.value,
      roleDataset,
      decisions,
      reviewers: this.options.reviewers,
    };
    if (!whole) {
      return systemsOf(inputs, refs =>
        readableRefs(this.options.catalog, refs, credentials),
      );
    }
    const key = [
      evaluations.revision,
      organisation.hash,
      links.revision,
      roleDataset.version,
      ...decisions.map(
        d =>
          `${d.entityRef} ${d.roleId} ${d.decision} ${
            d.groupRef
          } ${d.decidedAt.getTime()}`,
      ),
    ].join('\n');
    if (this.everything?.key !== key) {
      this.everything = {
        key,
        systems: systemsOf(inputs, async () => () => true),
      };
    }
    return this.everything.systems;
  }

  /** The organisation of the last round, read again only when the stored one changed. */
  private async currentOrganisation(): Promise<StoredOrganisation> {
    const hash = await this.options.store.readOrganisationHash();
    if (!this.organisation || this.organisation.hash !== hash) {
      this.organisation = await this.options.evaluator.organisation();
    }
    return this.organisation;
  }

  /**
   * Whether an evaluation matches the owner, Domain, lifecycle, tier and search filters. The owner and
   * Domain filters match only through refs the caller may read, so that a filter cannot tell what
   * an unreadable Group or Domain owns.
   */
  private filter(
    query: CoverageFilters,
    organisation: Organisation,
    visible: (ref: string) => boolean,
  ): (result: EntityEvaluation) => boolean {
    const owners =
      query.owner &&
      groupsFrom(normalizeRef(query.owner), organisation, 'childRefs');
    const domain = query.domain && normalizeRef(query.domain);
    const tier = query.tier?.toLocaleLowerCase('en');
    const words = (query.q ?? '')
      .toLocaleLowerCase('en')
      .split(/\s+/)
      .filter(Boolean);
    return result => {
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

/** One page of `items`, with how many there are in all. */
export function pageOf<T>(
  items: T[],
  page: { limit?: number; offset?: number },
) {
  const limit = page.limit ?? DEFAULT_LIMIT;
  const offset = page.offset ?? 0;
  return {
    items: items.slice(offset, offset + limit),
    totalCount: items.length,
    limit,
    offset,
  };
}

/** What the coverage is computed from. */
interface SystemsInputs {
  evaluations: StoredEvaluation[];
  organisation: Organisation;
  links: StoredRoleLink[];
  roleDataset: RoleDatasetSnapshot;
  decisions: StoredDecision[];
  reviewers: Pick<ReviewerService, 'holdersOf'>;
}

type Systems = Awaited<ReturnType<typeof systemsOf>>;

/**
 * Every System of `inputs` that `visibility` (asked once, about every ref the answer could name)
 * says the caller may read, with its cells in every pillar. The one place a cell's state is
 * decided from the roles suggested for the System and the roles some Group holds.
 */
async function systemsOf(
  {
    evaluations,
    organisation,
    links,
    roleDataset,
    decisions,
    reviewers,
  }: SystemsInputs,
  visibility: (refs: string[]) => Promise<(ref: string) => boolean>,
) {
  const roleIds = [
    ...new Set(evaluations.flatMap(e => e.result.roles.map(r => r.roleId))),
  ];
  const holders = reviewers.holdersOf(roleIds, organisation, links);
  const visible = await visibility([
    ...evaluations.flatMap(({ result }) => [
      result.entityRef,
      ...(result.ownerRef ? [result.ownerRef] : []),
      ...(result.domainRef ? [result.domainRef] : []),
      ...result.roles.flatMap(r => r.reasons.flatMap(x => x.entityRefs)),
    ]),
    ...[...holders.values()].flat().map(h => h.groupRef),
    ...decisions.flatMap(d => (d.groupRef ? [d.groupRef] : [])),
  ]);
  const held = new Set(
    [...holders]
      .filter(([, groups]) => groups.some(h => visible(h.groupRef)))
      .map(([roleId]) => roleId),
  );

  // What owners decided, as `entityRef roleId`: a dismissed role is not counted, an accepted
  // one has the reviewer group its owners pinned.
  const decided = new Map(
    decisions.map(d => [`${d.entityRef} ${d.roleId}`, d]),
  );
  const systems = evaluations
    .filter(e => visible(e.result.entityRef))
    .map(({ result, evaluatedAt }) => {
      const roles = result.roles.flatMap((role): VisibleRole[] => {
        const suggestion = toSuggestion(role, roleDataset, visible);
        return suggestion ? [suggestion] : [];
      });
      const row: CoverageSystem = {
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
        cells: PILLAR_IDS.map(pillarId => {
          const decision = (roleId: string) =>
            decided.get(`${result.entityRef} ${roleId}`)?.decision;
          const suggested = roles
            .filter(r => r.pillarIds.includes(pillarId))
            .map(r => r.roleId)
            .filter(id => decision(id) !== 'dismissed')
            .sort();
          const covers = (id: string) =>
            held.has(id) || decision(id) === 'accepted';
          const coveredRoleIds = suggested.filter(covers);
          const missingRoleIds = suggested.filter(id => !covers(id));
          return {
            pillarId,
            state: stateOf(coveredRoleIds.length, missingRoleIds.length),
            coveredRoleIds,
            missingRoleIds,
          };
        }),
        evaluatedAt: evaluatedAt.toISOString(),
      };
      return { result, row };
    });
  return { systems, organisation, visible, holders, decided };
}
