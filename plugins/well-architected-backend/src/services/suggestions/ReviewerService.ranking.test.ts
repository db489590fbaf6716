import { Organisation, OrganisationGroup } from '../evaluation/model';
import { StoredRoleLink } from '../../database/RoleLinkStore';
import { ReviewerService } from './ReviewerService';

const ROLE = 'site-reliability-engineer';

/**
 * A hand-made organisation:
 *
 *   company ── engineering ─┬─ commerce ─┬─ payments (owner) ── fraud
 *                           │            └─ web
 *                           ├─ platform ── data ── warehouse ── archive
 *                           └─ guild (no members; its team `guild-core` has)
 *   partners (no parent, not connected)
 *
 * `billing` owns a System in the owner's Domain and sits under platform; `ops-bot` has only the
 * guest as a member, `empty` has nobody at all.
 */
function organisation(): Organisation {
  const groups: Record<string, OrganisationGroup> = {};
  const add = (
    name: string,
    parent: string | undefined,
    members: string[] = [`${name}-person`],
  ) => {
    groups[`group:default/${name}`] = {
      displayName: `The ${name}`,
      parentRefs: parent ? [`group:default/${parent}`] : [],
      childRefs: [],
      members: members.map(m => ({
        userRef: `user:default/${m}`,
        displayName: m,
      })),
      roleIds: [ROLE],
    };
    if (parent) {
      groups[`group:default/${parent}`].childRefs.push(`group:default/${name}`);
    }
  };
  add('company', undefined);
  add('engineering', 'company');
  add('commerce', 'engineering');
  add('payments', 'commerce');
  add('fraud', 'payments');
  add('web', 'commerce');
  add('platform', 'engineering');
  add('data', 'platform');
  add('warehouse', 'data');
  add('archive', 'warehouse');
  add('billing', 'platform');
  add('guild', 'engineering', []);
  add('guild-core', 'guild', ['zoe', 'guest']);
  add('partners', undefined);
  add('ops-bot', 'commerce', ['guest']);
  add('empty', 'commerce', []);
  return {
    groups,
    domainOwners: {
      'domain:default/shop': [
        {
          groupRef: 'group:default/billing',
          ownedRef: 'system:default/billing',
        },
      ],
    },
  };
}

const everything = () => true;

function rank(
  options: {
    visible?: (ref: string) => boolean;
    ownerRef?: string;
    links?: StoredRoleLink[];
    nearbySteps?: number;
    org?: Organisation;
  } = {},
) {
  const org = options.org ?? organisation();
  const service = new ReviewerService({ nearbySteps: options.nearbySteps });
  const holders = service.holdersOf([ROLE], org, options.links ?? []);
  return service
    .reviewersOf(
      holders,
      {
        ownerRef:
          'ownerRef' in options ? options.ownerRef : 'group:default/payments',
        domainRef: 'domain:default/shop',
      },
      org,
      options.visible ?? everything,
    )
    .get(ROLE)!
    .map(r => [
      r.groupRef.replace('group:default/', ''),
      r.closeness,
      r.reason,
    ]);
}

describe('reviewer ranking over the organisation', () => {
  it('ranks owner, parent, child, sibling, domain, nearby by steps, then elsewhere, each with the relation', () => {
    expect(rank()).toEqual([
      ['payments', 'owner', 'owns it'],
      ['commerce', 'parent', 'parent group of the owner payments'],
      ['fraud', 'child', 'a team inside the owner payments'],
      ['web', 'sibling', 'a sibling team of the owner payments under commerce'],
      ['billing', 'domain', 'owns the System billing in the same domain shop'],
      ['engineering', 'nearby', 'a group above the owner payments, 2 steps up'],
      ['company', 'nearby', 'a group above the owner payments, 3 steps up'],
      [
        'guild',
        'nearby',
        '3 steps from the owner payments, both under engineering; no members of its own, so the members of the groups under it are listed',
      ],
      [
        'platform',
        'nearby',
        '3 steps from the owner payments, both under engineering',
      ],
      [
        'data',
        'nearby',
        '4 steps from the owner payments, both under engineering',
      ],
      [
        'guild-core',
        'nearby',
        '4 steps from the owner payments, both under engineering',
      ],
      [
        'warehouse',
        'elsewhere',
        'far from the owner payments: 5 steps apart in the organisation',
      ],
      [
        'archive',
        'elsewhere',
        'far from the owner payments: 6 steps apart in the organisation',
      ],
      [
        'partners',
        'elsewhere',
        'far from the owner payments: not connected to it in the organisation',
      ],
    ]);
  });

  it('offers no group with nobody to ask: no members, or only the guest', () => {
    const groups = rank().map(([group]) => group);
    expect(groups).not.toContain('empty');
    expect(groups).not.toContain('ops-bot');
    const service = new ReviewerService();
    const org = organisation();
    const members = service.membersOf(org, 'group:default/guild', everything);
    expect(members).toEqual({
      members: [{ userRef: 'user:default/zoe', displayName: 'zoe' }],
      memberCount: 1,
    });
    expect(service.memberRefs(org, 'group:default/guild-core')).toEqual([
      'user:default/zoe',
    ]);
  });

  it('says a portal link far from the owner is far away', () => {
    const org = organisation();
    org.groups['group:default/partners'].roleIds = [];
    const reviewers = rank({
      org,
      links: [
        {
          roleId: ROLE,
          groupRef: 'group:default/partners',
          createdBy: 'user:default/alice',
          createdAt: new Date('2026-11-01T10:00:00Z'),
        },
      ],
    });
    expect(reviewers.find(([group]) => group === 'partners')).toEqual([
      'partners',
      'elsewhere',
      'far from the owner payments: not connected to it in the organisation',
    ]);
  });

  it('moves the line between nearby and elsewhere with nearbySteps', () => {
    const closeness = (nearbySteps: number) =>
      Object.fromEntries(
        rank({ nearbySteps }).map(([group, close]) => [group, close]),
      );
    expect(closeness(2)).toMatchObject({
      engineering: 'nearby',
      platform: 'elsewhere',
    });
    expect(closeness(6)).toMatchObject({
      archive: 'nearby',
      partners: 'elsewhere',
    });
  });

  it('names no Group above the owner that the caller cannot read, and ranks nothing by an owner it cannot read', () => {
    const hidden = new Set([
      'group:default/commerce',
      'group:default/engineering',
    ]);
    const reviewers = rank({ visible: ref => !hidden.has(ref) });
    expect(JSON.stringify(reviewers)).not.toMatch(/`commerce`|`engineering`/);
    expect(reviewers).toContainEqual([
      'web',
      'sibling',
      'a sibling team of the owner payments',
    ]);
    expect(reviewers).toContainEqual([
      'platform',
      'nearby',
      '3 steps from the owner payments in the organisation',
    ]);

    const noOwner = rank({
      visible: ref => ref !== 'group:default/payments',
    });
    expect(JSON.stringify(noOwner)).not.toContain('`payments`');
    expect(noOwner.find(([group]) => group === 'web')).toEqual([
      'web',
      'elsewhere',
      'holds the role; the owner is no Group of the organisation, so how near this one is cannot be told',
    ]);
    expect(noOwner[0]).toEqual([
      'billing',
      'domain',
      'owns the System billing in the same domain shop',
    ]);
  });

  it('lists as placement refs the owner and every Group above it, for the caller to be asked about', () => {
    const org = organisation();
    const service = new ReviewerService();
    expect(
      service.placementRefs(
        { ownerRef: 'group:default/payments' },
        new Map(),
        org,
      ),
    ).toEqual([
      'group:default/payments',
      'group:default/commerce',
      'group:default/engineering',
      'group:default/company',
    ]);
  });
});
