import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import { Dataset } from '../../dataset/types';
import { bundledDataset } from '../../__testUtils__/testDataset';
import { exampleEntities } from '../../__testUtils__/exampleEntities';
import { callsWith, testServices } from '../../__testUtils__/services';
import { StoredRoleLink } from '../../database/RoleLinkStore';

const credentials = mockCredentials.user();

const linkedAt = new Date('2026-11-01T10:00:00Z');

function portalLink(roleId: string, groupRef: string): StoredRoleLink {
  return {
    roleId,
    groupRef,
    createdBy: 'user:default/alice',
    createdAt: linkedAt,
  };
}

describe('suggested reviewers', () => {
  let dataset: Dataset;

  beforeAll(async () => {
    dataset = await bundledDataset();
  });

  function suggestFor(
    name: string,
    entities: Entity[] = exampleEntities,
    links: StoredRoleLink[] = [],
  ) {
    const catalog = catalogServiceMock.mock();
    const real = catalogServiceMock({ entities });
    catalog.getEntitiesByRefs.mockImplementation((req, opts) =>
      real.getEntitiesByRefs(req, opts),
    );
    catalog.queryEntities.mockImplementation((req, opts) =>
      real.queryEntities(req, opts),
    );
    const { suggestions } = testServices({ dataset, catalog, links });
    return {
      catalog,
      result: suggestions.suggest(
        { kind: 'system', namespace: 'default', name },
        credentials,
      ),
    };
  }

  function reviewersOf(
    suggestions: Awaited<ReturnType<typeof suggestFor>['result']>,
    roleId: string,
  ) {
    return suggestions.suggestions
      .find(s => s.roleId === roleId)!
      .reviewers.map(r => [r.groupRef, r.closeness, r.reason]);
  }

  it('ranks the holders of a role by closeness to the owner, with the reason', async () => {
    const result = await suggestFor('payments').result;
    expect(result.ownerRef).toBe('group:default/payments-team');
    expect(reviewersOf(result, 'site-reliability-engineer')).toEqual([
      ['group:default/payments-team', 'owner', 'owns it'],
      [
        'group:default/sre-team',
        'sibling',
        'a sibling team of the owner payments-team under engineering',
      ],
      [
        'group:default/web-team',
        'sibling',
        'a sibling team of the owner payments-team under engineering',
      ],
    ]);
    expect(reviewersOf(result, 'database-administrator')).toEqual([
      [
        'group:default/engineering',
        'parent',
        'parent group of the owner payments-team',
      ],
    ]);
    expect(reviewersOf(result, 'security-architect')).toEqual([
      [
        'group:default/fraud-squad',
        'child',
        'a team inside the owner payments-team',
      ],
    ]);
  });

  it('names each reviewer group by display name, and its members by display name when asked', async () => {
    const result = await suggestFor('payments').result;
    const [owner] = result.suggestions.find(
      s => s.roleId === 'site-reliability-engineer',
    )!.reviewers;
    expect(owner).toEqual({
      groupRef: 'group:default/payments-team',
      displayName: 'The payments-team',
      sources: ['catalog'],
      closeness: 'owner',
      reason: 'owns it',
    });
    const { suggestions } = testServices({
      dataset,
      catalog: catalogServiceMock({ entities: exampleEntities }),
    });
    expect(await suggestions.members(owner.groupRef, credentials)).toEqual({
      groupRef: 'group:default/payments-team',
      members: [
        { userRef: 'user:default/alice', displayName: 'Alice Example' },
        { userRef: 'user:default/bob', displayName: 'Bob Example' },
      ],
      memberCount: 2,
    });
  });

  it('merges portal links with catalog links, and reports roles no group holds as gaps', async () => {
    const before = await suggestFor('payments').result;
    expect(before.gaps).toEqual([
      { pillarId: 'operational-excellence', roleIds: ['software-developer'] },
      { pillarId: 'security', roleIds: ['incident-response-manager'] },
      {
        pillarId: 'reliability',
        roleIds: ['api-product-owner', 'incident-response-manager'],
      },
    ]);

    const after = await suggestFor('payments', exampleEntities, [
      portalLink('incident-response-manager', 'group:default/sre-team'),
      portalLink('site-reliability-engineer', 'group:default/payments-team'),
    ]).result;
    expect(after.gaps.flatMap(g => g.roleIds)).not.toContain(
      'incident-response-manager',
    );
    const [owner] = after.suggestions.find(
      s => s.roleId === 'site-reliability-engineer',
    )!.reviewers;
    expect(owner).toMatchObject({
      groupRef: 'group:default/payments-team',
      sources: ['catalog', 'portal'],
      portalLink: {
        createdBy: 'user:default/alice',
        createdAt: '2026-11-01T10:00:00.000Z',
      },
    });
  });

  it('asks the catalog as the caller once, and evaluates with a fixed number of reads, whatever the number of groups and members', async () => {
    const counts = [];
    for (const size of [1, 40]) {
      const teams = Array.from(
        { length: size },
        (_, i): Entity => ({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: {
            name: `team-${i}`,
            namespace: 'default',
            annotations: {
              'well-architected/roles': 'site-reliability-engineer',
            },
          },
          spec: { type: 'team' },
          relations: [{ type: 'hasMember', targetRef: `user:default/u-${i}` }],
        }),
      );
      const members = teams.map(
        (_, i): Entity => ({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'User',
          metadata: { name: `u-${i}`, namespace: 'default' },
          spec: {},
          relations: [
            { type: 'memberOf', targetRef: `group:default/team-${i}` },
          ],
        }),
      );
      const { catalog, result } = suggestFor('payments', [
        ...exampleEntities,
        ...teams,
        ...members,
      ]);
      const { suggestions } = await result;
      const reviewers = suggestions.find(
        s => s.roleId === 'site-reliability-engineer',
      )!.reviewers;
      expect(reviewers.length).toBe(3 + size);
      const asCaller = callsWith(
        catalog.getEntitiesByRefs.mock.calls,
        credentials,
      );
      expect(asCaller).toHaveLength(1);
      // The Groups are checked, their members are not: they are asked for on expand.
      expect(asCaller[0][0].entityRefs).toEqual(
        expect.arrayContaining(reviewers.map(r => r.groupRef)),
      );
      expect(
        asCaller[0][0].entityRefs.filter(ref => ref.startsWith('user:')),
      ).toEqual([]);
      expect(
        callsWith(catalog.queryEntities.mock.calls, credentials),
      ).toHaveLength(0);
      counts.push(
        catalog.getEntitiesByRefs.mock.calls.length +
          catalog.queryEntities.mock.calls.length,
      );
    }
    expect(counts[0]).toBe(counts[1]);
    // 3 for the entity and its neighbourhood; 4 for the organisation (Groups, Users, Domains,
    // Systems), read once before any round has; 1 as the caller.
    expect(counts[0]).toBeLessThanOrEqual(8);
  });
});
