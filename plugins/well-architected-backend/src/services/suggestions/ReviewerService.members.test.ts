import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { exampleEntities } from '../../__testUtils__/exampleEntities';
import { inMemoryRoleLinkStore } from '../../__testUtils__/services';
import {
  bundledDataset,
  inMemoryRoleStore,
} from '../../__testUtils__/testDataset';
import { Dataset } from '../../dataset/types';
import { RoleCatalog } from '../RoleCatalog';
import { RoleLinkService } from '../RoleLinkService';
import {
  DEFAULT_MAX_MEMBERS_PER_GROUP,
  ReviewerService,
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

function reviewerService(
  maxMembersPerGroup?: number,
  entities: Entity[] = [...exampleEntities, ...users],
) {
  const links = new RoleLinkService({
    store: inMemoryRoleLinkStore(),
    catalog: catalogServiceMock({ entities }),
    roleCatalog: new RoleCatalog(inMemoryRoleStore(dataset)),
    logger: mockServices.logger.mock(),
  });
  return new ReviewerService(links, { maxMembersPerGroup });
}

async function sreTeamReviewer(service: ReviewerService) {
  const payments = exampleEntities.find(e => e.metadata.name === 'payments')!;
  const { reviewers } = await service.suggestReviewers(
    payments,
    ['site-reliability-engineer'],
    mockCredentials.user(),
  );
  return reviewers
    .get('site-reliability-engineer')!
    .find(r => r.groupRef === 'group:default/sre-team')!;
}

describe('members of reviewer groups', () => {
  it('lists the first members by display name up to the cap, with the total count', async () => {
    const reviewer = await sreTeamReviewer(reviewerService(3));
    expect(reviewer.members.map(m => m.userRef)).toEqual([
      'user:default/carol',
      'user:default/u-00',
      'user:default/u-01',
    ]);
    expect(reviewer.memberCount).toBe(16);
  });

  it('lists 10 by default', async () => {
    const reviewer = await sreTeamReviewer(reviewerService());
    expect(reviewer.members).toHaveLength(DEFAULT_MAX_MEMBERS_PER_GROUP);
    expect(reviewer.memberCount).toBe(16);
  });

  it('names no owner that the caller cannot read', async () => {
    const payments = exampleEntities.find(e => e.metadata.name === 'payments')!;
    const visible = reviewerService(
      undefined,
      exampleEntities.filter(e => e.metadata.name !== 'payments-team'),
    );
    const hidden = await visible.suggestReviewers(
      payments,
      ['site-reliability-engineer'],
      mockCredentials.user(),
    );
    expect(hidden.ownerRef).toBeUndefined();
    const all = await reviewerService().suggestReviewers(
      payments,
      ['site-reliability-engineer'],
      mockCredentials.user(),
    );
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
