import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CoverageQuery,
  CoverageState,
  CoverageSystem,
  CoverageTotals,
  PillarId,
} from 'backstage-plugin-well-architected-common';
import { CatalogReads } from './boundedCatalog';
import { CoverageService } from './CoverageService';
import { readableScope } from './coverageRollUps';

/** The most Systems one coverage page holds; the gaps of a larger scope are read page by page. */
const PAGE_SIZE = 500;

/** The gaps of one pillar across the Systems of a Group or Domain. */
export interface PillarGaps extends CoverageTotals {
  /** The Systems with a suggested role that no group holds in the pillar, most missing first. */
  systems: Array<{
    entityRef: string;
    name: string;
    state: CoverageState;
    missingRoleIds: string[];
  }>;
}

/** The gaps of a Group's or a Domain's Systems, pillar by pillar. */
export interface CoverageGapsAnswer {
  scopeRef: string;
  systemCount: number;
  pillars: PillarGaps[];
}

/**
 * The coverage of the Systems a Group (or a Group inside it) owns, or that a Domain holds,
 * regrouped by pillar: the roles each System lacks a reviewer group for. The Group or Domain must
 * be one the caller may read; the coverage leaves out what else the caller may not read.
 */
export class CoverageGaps {
  constructor(
    private readonly options: {
      coverage: Pick<CoverageService, 'coverage'>;
      catalog: CatalogReads;
    },
  ) {}

  async gapsOf(
    scope: string,
    credentials: BackstageCredentials,
  ): Promise<CoverageGapsAnswer> {
    const { by, scopeRef } = await readableScope(
      scope,
      this.options.catalog,
      credentials,
    );
    const query: CoverageQuery =
      by === 'group' ? { owner: scopeRef } : { domain: scopeRef };
    const first = await this.options.coverage.coverage(
      { ...query, sort: 'gaps', limit: PAGE_SIZE },
      credentials,
    );
    const systems = [...first.items];
    while (systems.length < first.totalCount) {
      const page = await this.options.coverage.coverage(
        { ...query, sort: 'gaps', limit: PAGE_SIZE, offset: systems.length },
        credentials,
      );
      if (page.items.length === 0) {
        break;
      }
      systems.push(...page.items);
    }
    return {
      scopeRef,
      systemCount: first.totalCount,
      pillars: first.totals.map(totals => ({
        ...totals,
        systems: gapsIn(totals.pillarId, systems),
      })),
    };
  }
}

/** The Systems with roles missing in a pillar, most missing first. */
function gapsIn(pillarId: PillarId, systems: CoverageSystem[]) {
  return systems
    .flatMap(({ entityRef, name, cells }) => {
      const cell = cells.find(c => c.pillarId === pillarId);
      return cell && cell.missingRoleIds.length > 0
        ? [
            {
              entityRef,
              name,
              state: cell.state,
              missingRoleIds: cell.missingRoleIds,
            },
          ]
        : [];
    })
    .sort(
      (a, b) =>
        b.missingRoleIds.length - a.missingRoleIds.length ||
        a.entityRef.localeCompare(b.entityRef),
    );
}
