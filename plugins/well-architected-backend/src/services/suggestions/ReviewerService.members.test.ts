import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { exampleEntities } from '../../__testUtils__/exampleEntities';
import { callsWith, testServices } from '../../__testUtils__/services';
import { bundledDataset } from '../../__testUtils__/testDataset';
import { Dataset } from '../../dataset/types';
import {
  DEFAULT_MAX_MEMBERS_PER_GROUP,
  readMaxMembersPerGroup,
} from './ReviewerService';

const users = Array.from(
  { length: 15 },
  (_, i): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: `u-${String(i).padStart(2, '0')}`, namespace: 'default' },
    spec: {},
    relations: [{ type: 'memberOf', targetRef: 'group:default/sre-team' }],
  }),
);

let dataset: Dataset;

beforeAll(async () => {
  dataset = await bundledDataset();
});

/** The suggestions for the payments System; `hiddenFromCaller` are refs the caller may not read. */
async function paymentsSuggestions(
  maxMembersPerGroup?: number,
  hiddenFromCaller: string[] = [],
) {
  const credentials = mockCredentials.user();
  const real = catalogServiceMock({ entities: [...exampleEntities, ...users] });
  const catalog = catalogServiceMock.mock();
  catalog.queryEntities.mockImplementation((req, opts) =>
    real.queryEntities(req, opts),
  );
  catalog.getEntitiesByRefs.mockImplementation(async (req, opts) => {
    const answer = await real.getEntitiesByRefs(req, opts);
    return callsWith([[req, opts]], credentials).length > 0
      ? {
          items: answer.items.map(e =>
            e &&
            hiddenFromCaller.includes(
              stringifyEntityRef(e).toLocaleLowerCase('en'),
            )
              ? undefined
              : e,
          ),
        }
      : answer;
  });
  const { suggestions } = testServices({
    dataset,
    catalog,
    maxMembersPerGroup,
  });
  return suggestions.suggest(
    { kind: 'system', namespace: 'default', name: 'payments' },
    credentials,
  );
}

async function sreTeamReviewer(maxMembersPerGroup?: number) {
  const { suggestions } = await paymentsSuggestions(maxMembersPerGroup);
  return suggestions
    .find(s => s.roleId === 'site-reliability-engineer')!
    .reviewers.find(r => r.groupRef === 'group:default/sre-team')!;
}

describe('members of reviewer groups', () => {
  it('lists the first members by display name up to the cap, with the total count', async () => {
    const reviewer = await sreTeamReviewer(3);
    expect(reviewer.members.map(m => m.userRef)).toEqual([
      'user:default/carol',
      'user:default/u-00',
      'user:default/u-01',
    ]);
    expect(reviewer.memberCount).toBe(16);
  });

  it('lists 10 by default', async () => {
    const reviewer = await sreTeamReviewer();
    expect(reviewer.members).toHaveLength(DEFAULT_MAX_MEMBERS_PER_GROUP);
    expect(reviewer.memberCount).toBe(16);
  });

  it('names no owner, and no member, that the caller cannot read', async () => {
    const hidden = await paymentsSuggestions(undefined, [
      'group:default/payments-team',
      'user:default/u-00',
    ]);
    expect(hidden.ownerRef).toBeUndefined();
    const sreTeam = hidden.suggestions
      .find(s => s.roleId === 'site-reliability-engineer')!
      .reviewers.find(r => r.groupRef === 'group:default/sre-team')!;
    expect(sreTeam.memberCount).toBe(15);
    expect(sreTeam.members.map(m => m.userRef)).not.toContain(
      'user:default/u-00',
    );
    expect(JSON.stringify(hidden)).not.toContain('payments-team');
    const all = await paymentsSuggestions();
    expect(all.ownerRef).toBe('group:default/payments-team');
  });

  it('reads the cap from config, and refuses one that is not a whole number from 0 to 1000', () => {
    const config = (value: number | string) =>
      new ConfigReader({
        wellArchitected: { reviewers: { maxMembersPerGroup: value } },
      });
    expect(readMaxMembersPerGroup(new ConfigReader({}))).toBe(10);
    expect(readMaxMembersPerGroup(config(0))).toBe(0);
    for (const bad of [-1, 2.5, 1001, 'many']) {
      expect(() => readMaxMembersPerGroup(config(bad))).toThrow(
        'Invalid config at wellArchitected.reviewers.maxMembersPerGroup: use a whole number from 0 to 1000 (default 10)',
      );
    }
  });
});
