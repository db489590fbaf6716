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
  readReviewerOptions,
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

/**
 * The services over the example catalog with 15 more members of `sre-team`, and the caller's
 * credentials; `hiddenFromCaller` are refs the caller may not read.
 */
function servicesFor(
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
  return { suggestions, catalog, credentials };
}

const payments = { kind: 'system', namespace: 'default', name: 'payments' };

async function sreTeamMembers(
  maxMembersPerGroup?: number,
  hiddenFromCaller?: string[],
) {
  const { suggestions, credentials } = servicesFor(
    maxMembersPerGroup,
    hiddenFromCaller,
  );
  return suggestions.members('group:default/sre-team', credentials);
}

describe('members of reviewer groups', () => {
  it('lists the first members by display name up to the cap, with the total count', async () => {
    const answer = await sreTeamMembers(3);
    expect(answer.groupRef).toBe('group:default/sre-team');
    expect(answer.members.map(m => m.userRef)).toEqual([
      'user:default/carol',
      'user:default/u-00',
      'user:default/u-01',
    ]);
    expect(answer.memberCount).toBe(16);
  });

  it('lists 10 by default', async () => {
    const answer = await sreTeamMembers();
    expect(answer.members).toHaveLength(DEFAULT_MAX_MEMBERS_PER_GROUP);
    expect(answer.memberCount).toBe(16);
  });

  it('names no member that the caller cannot read, and no Group either', async () => {
    const answer = await sreTeamMembers(undefined, ['user:default/u-00']);
    expect(answer.memberCount).toBe(15);
    expect(answer.members.map(m => m.userRef)).not.toContain(
      'user:default/u-00',
    );
    await expect(
      sreTeamMembers(undefined, ['group:default/sre-team']),
    ).rejects.toThrow(
      "No Group 'group:default/sre-team' in the catalog, or you may not see it",
    );
    const { suggestions, credentials } = servicesFor();
    await expect(
      suggestions.members('group:default/no-such-team', credentials),
    ).rejects.toThrow(
      "No Group 'group:default/no-such-team' in the catalog, or you may not see it",
    );
  });

  it('names no owner the caller cannot read, and no member in a first view', async () => {
    const hidden = servicesFor(undefined, ['group:default/payments-team']);
    const answer = await hidden.suggestions.suggest(
      payments,
      hidden.credentials,
    );
    expect(answer.ownerRef).toBeUndefined();
    expect(JSON.stringify(answer)).not.toContain('payments-team');
    // The reviewers are named, their members are not, nor asked about as the caller.
    expect(
      answer.suggestions.flatMap(s => s.reviewers).map(r => r.groupRef),
    ).toContain('group:default/sre-team');
    expect(JSON.stringify(answer)).not.toContain('user:');
    const asked = callsWith(
      hidden.catalog.getEntitiesByRefs.mock.calls,
      hidden.credentials,
    ).flatMap(([request]) => request.entityRefs);
    expect(asked).toContain('group:default/sre-team');
    expect(asked.filter(ref => ref.startsWith('user:'))).toEqual([]);
    const all = servicesFor();
    expect(
      (await all.suggestions.suggest(payments, all.credentials)).ownerRef,
    ).toBe('group:default/payments-team');
  });

  it('reads the cap, the nearby steps and the users that are no people from config, and refuses bad values with the key and what fits', () => {
    const config = (reviewers: object) =>
      new ConfigReader({ wellArchitected: { reviewers } });
    expect(readReviewerOptions(new ConfigReader({}))).toEqual({
      maxMembersPerGroup: 10,
      nearbySteps: 4,
      notPeople: ['user:default/guest', 'user:development/guest'],
    });
    expect(
      readReviewerOptions(
        config({
          maxMembersPerGroup: 0,
          nearbySteps: 2,
          notPeople: ['User:Default/Robot'],
        }),
      ),
    ).toEqual({
      maxMembersPerGroup: 0,
      nearbySteps: 2,
      notPeople: ['user:default/robot'],
    });
    for (const [key, bad] of [
      ['maxMembersPerGroup', -1],
      ['maxMembersPerGroup', 2.5],
      ['maxMembersPerGroup', 1001],
      ['maxMembersPerGroup', 'many'],
      ['nearbySteps', -1],
      ['notPeople', ['guest']],
    ] as const) {
      expect(() => readReviewerOptions(config({ [key]: bad }))).toThrow(
        new RegExp(
          `^Invalid config at wellArchitected\\.reviewers\\.${key}.*maxMembersPerGroup is a whole number from 0 to 1000 \\(default 10\\), nearbySteps from 0 to 100 \\(default 4\\)`,
        ),
      );
    }
  });
});
