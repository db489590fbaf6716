import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  CoverageQuery,
  CoverageResponse,
  CoverageSystem,
} from 'backstage-plugin-well-architected-common';
import { exampleEntities } from '../__testUtils__/exampleEntities';
import { CoverageGaps } from './CoverageGaps';

const system = (name: string, missingRoleIds: string[]): CoverageSystem => ({
  entityRef: `system:default/${name}`,
  name,
  lifecycles: [],
  cells: [
    {
      pillarId: 'security',
      state: missingRoleIds.length > 0 ? 'gap' : 'not-needed',
      coveredRoleIds: [],
      missingRoleIds,
    },
  ],
  evaluatedAt: '2026-12-01T00:00:00.000Z',
});

const systems = [
  system('a', ['security-architect']),
  system('b', []),
  system('c', ['security-architect', 'security-engineer']),
];

describe('CoverageGaps', () => {
  it('reads every page of the coverage and lists the Systems with gaps, most missing first', async () => {
    const queries: CoverageQuery[] = [];
    // A coverage that answers two Systems a page, whatever the limit asked.
    const coverage = {
      async coverage(query: CoverageQuery): Promise<CoverageResponse> {
        queries.push(query);
        const offset = query.offset ?? 0;
        return {
          pillarIds: ['security'],
          tiers: [],
          totals: [
            {
              pillarId: 'security',
              covered: 0,
              partly: 0,
              gap: 2,
              notNeeded: 1,
            },
          ],
          items: systems.slice(offset, offset + 2),
          totalCount: systems.length,
          limit: 2,
          offset,
        };
      },
    };
    const gaps = new CoverageGaps({
      coverage,
      catalog: catalogServiceMock({ entities: exampleEntities }),
    });
    expect(
      await gaps.gapsOf('group:default/payments-team', mockCredentials.user()),
    ).toEqual({
      scopeRef: 'group:default/payments-team',
      systemCount: 3,
      pillars: [
        {
          pillarId: 'security',
          covered: 0,
          partly: 0,
          gap: 2,
          notNeeded: 1,
          systems: [
            {
              entityRef: 'system:default/c',
              name: 'c',
              state: 'gap',
              missingRoleIds: ['security-architect', 'security-engineer'],
            },
            {
              entityRef: 'system:default/a',
              name: 'a',
              state: 'gap',
              missingRoleIds: ['security-architect'],
            },
          ],
        },
      ],
    });
    expect(queries.map(q => [q.owner, q.offset])).toEqual([
      ['group:default/payments-team', undefined],
      ['group:default/payments-team', 2],
    ]);
  });
});
