import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CoverageRollUpQuery,
  CoverageRollUpResponse,
  CoverageRollUpsQuery,
  CoverageRollUpsResponse,
} from 'backstage-plugin-well-architected-common';
import { CoverageRollUp } from '../database/CoverageHistoryStore';
import { CatalogReads } from './boundedCatalog';
import { readableRefs } from './catalogVisibility';
import {
  byScope,
  gapsOf,
  readableScope,
  rollUpOf,
  totalsOf,
} from './coverageRollUps';
import { CoverageService, pageOf } from './CoverageService';

/** What a {@link CoverageRollUpService} needs, and what it uses each for. */
export interface CoverageRollUpServiceOptions {
  /** The Systems that match the filters, with their cells, as the caller may read them. */
  coverage: Pick<CoverageService, 'matching'>;
  /** Whether the caller may read a Group or Domain that the Systems do not name. */
  catalog: CatalogReads;
}

/**
 * The coverage counted per owner Group and per Domain, from the Systems the coverage view
 * matches: the roll-ups of `GET /coverage/rollups`, the roll-up of one Group or Domain, and the
 * totals of every scope that the daily snapshot keeps.
 */
export class CoverageRollUpService {
  constructor(private readonly options: CoverageRollUpServiceOptions) {}

  /**
   * The totals of every System, of the Systems of each owner Group (with those of the Groups
   * inside it, as the `owner` filter counts them) and of each Domain, as `credentials` may read
   * them: with the plugin's own, the whole catalog, for the daily snapshot.
   */
  async rollUps(credentials: BackstageCredentials): Promise<CoverageRollUp[]> {
    const { pillarIds, rows, organisation } =
      await this.options.coverage.matching({}, credentials);
    const scopes = [
      ['', rows] as const,
      ...(['group', 'domain'] as const).flatMap(by => [
        ...byScope(rows, row => row, by, organisation),
      ]),
    ];
    return scopes.map(([scopeRef, inScope]) => ({
      scopeRef,
      totals: totalsOf(inScope, pillarIds),
    }));
  }

  /**
   * One roll-up per owner Group or per Domain of the Systems that match the filters: the Groups
   * and Domains the caller may read, each with how many of its Systems are in each state and the
   * roles most often missing. A Group's Systems include those of the Groups inside it.
   */
  async coverageRollUps(
    query: CoverageRollUpsQuery,
    credentials: BackstageCredentials,
  ): Promise<CoverageRollUpsResponse> {
    const { by, sort = 'gaps', limit, offset, ...filters } = query;
    const { pillarIds, rows, organisation, visible } =
      await this.options.coverage.matching(filters, credentials);
    // The rows name only owners and Domains the caller may read; the Groups above an owner are
    // asked of the catalog here.
    const scopes = byScope(rows, row => row, by, organisation);
    const unknown = [...scopes.keys()].filter(ref => !visible(ref));
    const readable =
      unknown.length > 0
        ? await readableRefs(this.options.catalog, unknown, credentials)
        : () => false;
    const rollUps = [...scopes]
      .filter(([ref]) => visible(ref) || readable(ref))
      .map(([ref, inScope]) => rollUpOf(ref, inScope, pillarIds))
      .sort(
        (a, b) =>
          (sort === 'gaps' ? gapsOf(b) - gapsOf(a) : 0) ||
          a.scopeRef.localeCompare(b.scopeRef),
      );
    return { by, pillarIds, ...pageOf(rollUps, { limit, offset }) };
  }

  /**
   * The roll-up of one Group (with the Groups inside it) or one Domain, which the caller must be
   * able to read, from the Systems the caller may read.
   */
  async coverageRollUp(
    scope: string,
    query: CoverageRollUpQuery,
    credentials: BackstageCredentials,
  ): Promise<CoverageRollUpResponse> {
    const { by, scopeRef } = await readableScope(
      scope,
      this.options.catalog,
      credentials,
    );
    const { pillarIds, rows } = await this.options.coverage.matching(
      { ...query, [by === 'group' ? 'owner' : 'domain']: scopeRef },
      credentials,
    );
    return { pillarIds, rollUp: rollUpOf(scopeRef, rows, pillarIds) };
  }
}
