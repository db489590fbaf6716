import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  PortalLink,
  REVIEWER_CLOSENESS,
  Reviewer,
  ReviewerCloseness,
  RoleLinkSource,
} from 'backstage-plugin-well-architected-common';
import { StoredRoleLink } from '../../database/RoleLinkStore';
import { Organisation } from '../evaluation/model';
import {
  ancestorsOf,
  commonAncestor,
  peopleOf,
  stepsFrom,
} from '../evaluation/organisationGraph';

/** An entity's name as the reasons say it, in plain text: the card shows them as written. */
const refName = (ref: string) => parseEntityRef(ref).name;

/** How many members of a reviewer group an answer lists when config does not say. */
export const DEFAULT_MAX_MEMBERS_PER_GROUP = 10;

/** How many steps through the Group hierarchy a reviewer group is "nearby" when config does not say. */
export const DEFAULT_NEARBY_STEPS = 4;

/**
 * The Users that are no person to ask when config does not say: the guest of Backstage's guest
 * sign-in, in the namespaces it is found in.
 */
export const DEFAULT_NOT_PEOPLE = [
  'user:default/guest',
  'user:development/guest',
];

/** How reviewers are ranked and listed, from `wellArchitected.reviewers`. */
export interface ReviewerOptions {
  maxMembersPerGroup: number;
  nearbySteps: number;
  /** Lower-case User refs never listed as members. */
  notPeople: string[];
}

const REVIEWERS_KEY = 'wellArchitected.reviewers';

const reviewerConfig = z.object({
  maxMembersPerGroup: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .default(DEFAULT_MAX_MEMBERS_PER_GROUP),
  nearbySteps: z.number().int().min(0).max(100).default(DEFAULT_NEARBY_STEPS),
  notPeople: z
    .array(z.string().regex(/^user:[^:/]+\/[^:/]+$/i))
    .default(DEFAULT_NOT_PEOPLE),
});

/**
 * `wellArchitected.reviewers`: `maxMembersPerGroup` a whole number from 0 to 1000,
 * `nearbySteps` from 0 to 100, `notPeople` full User refs.
 */
export function readReviewerOptions(config: Config): ReviewerOptions {
  const parsed = reviewerConfig.safeParse(
    config.getOptional(REVIEWERS_KEY) ?? {},
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid config at ${[REVIEWERS_KEY, ...issue.path].join('.')}: ${
        issue.message
      }; maxMembersPerGroup is a whole number from 0 to 1000 (default ${DEFAULT_MAX_MEMBERS_PER_GROUP}), nearbySteps from 0 to 100 (default ${DEFAULT_NEARBY_STEPS}), notPeople a list of refs such as user:default/guest`,
    );
  }
  return {
    ...parsed.data,
    notPeople: parsed.data.notPeople.map(ref => ref.toLocaleLowerCase('en')),
  };
}

/** A group that holds a role, before what the caller may read is known. */
export interface Holder {
  groupRef: string;
  sources: RoleLinkSource[];
  portalLink?: PortalLink;
}

/** Where the entity sits: its owner and Domain, as its evaluation found them. */
export interface Placement {
  ownerRef?: string;
  domainRef?: string;
}

/** What ranking a holder needs: the owner Group the caller may read, and steps from it. */
interface RankContext {
  owner?: string;
  domainRef?: string;
  steps: Map<string, number>;
  organisation: Organisation;
  visible: (ref: string) => boolean;
}

/** Where a holder ranks: its closeness, the sentence that says why, and steps to break ties. */
interface Rank {
  closeness: ReviewerCloseness;
  reason: string;
  steps: number;
}

/**
 * Turns suggested roles into suggested reviewers: merges the Groups whose catalog annotation
 * declares each role with the portal links as they are now, and ranks them by where they sit in the
 * organisation relative to the entity's owner: the owner, its parent and children, its siblings,
 * the owners in its Domain, then by steps through the Group hierarchy, "elsewhere" past
 * `nearbySteps`. Groups with nobody to ask are no reviewers; lists a reviewer group's members when
 * they are asked for. Reads nothing itself; the caller says which entities the person asking may
 * read.
 */
export class ReviewerService {
  private readonly options: ReviewerOptions;

  constructor(options: Partial<ReviewerOptions> = {}) {
    this.options = {
      maxMembersPerGroup:
        options.maxMembersPerGroup ?? DEFAULT_MAX_MEMBERS_PER_GROUP,
      nearbySteps: options.nearbySteps ?? DEFAULT_NEARBY_STEPS,
      notPeople: options.notPeople ?? DEFAULT_NOT_PEOPLE,
    };
  }

  /**
   * The Groups that hold each role: catalog annotations first, then portal links. Groups the
   * organisation does not know (gone from the catalog), and Groups with no person among their
   * members or those of the Groups under them, are left out.
   */
  holdersOf(
    roleIds: string[],
    organisation: Organisation,
    links: StoredRoleLink[],
  ): Map<string, Holder[]> {
    const holders = new Map<string, Map<string, Holder>>(
      roleIds.map(id => [id, new Map()]),
    );
    const hasPeople = (groupRef: string) =>
      this.peopleOf(organisation, groupRef).members.length > 0;
    const holder = (roleId: string, groupRef: string) => {
      const byGroup = holders.get(roleId)!;
      const found = byGroup.get(groupRef) ?? { groupRef, sources: [] };
      byGroup.set(groupRef, found);
      return found;
    };
    for (const [groupRef, group] of Object.entries(organisation.groups)) {
      for (const roleId of group.roleIds) {
        if (holders.has(roleId) && hasPeople(groupRef)) {
          holder(roleId, groupRef).sources.push('catalog');
        }
      }
    }
    for (const link of links) {
      if (
        holders.has(link.roleId) &&
        organisation.groups[link.groupRef] &&
        hasPeople(link.groupRef)
      ) {
        const found = holder(link.roleId, link.groupRef);
        found.sources.push('portal');
        found.portalLink = {
          createdBy: link.createdBy,
          createdAt: link.createdAt.toISOString(),
        };
      }
    }
    return new Map(
      [...holders].map(([roleId, byGroup]) => [roleId, [...byGroup.values()]]),
    );
  }

  /**
   * The Groups of these holders: what reviewers made of them name. Their members are not named:
   * a reviewer row lists them when it is expanded ({@link ReviewerService.membersOf}), so a
   * first view checks a few dozen refs with the catalog rather than every member of every Group.
   */
  groupRefs(holders: Map<string, Holder[]>) {
    return [...new Set([...holders.values()].flat().map(h => h.groupRef))];
  }

  /** The reviewers of each role, closest first, from the holders the caller may read. */
  reviewersOf(
    holders: Map<string, Holder[]>,
    placement: Placement,
    organisation: Organisation,
    visible: (ref: string) => boolean,
  ): Map<string, Reviewer[]> {
    const owner =
      placement.ownerRef &&
      visible(placement.ownerRef) &&
      organisation.groups[placement.ownerRef]
        ? placement.ownerRef
        : undefined;
    const steps = owner ? stepsFrom(organisation, owner) : new Map();
    const ranks = new Map<string, Rank>();
    const rankOf = (groupRef: string) => {
      const found =
        ranks.get(groupRef) ??
        this.rank(groupRef, {
          owner,
          domainRef: placement.domainRef,
          steps,
          organisation,
          visible,
        });
      ranks.set(groupRef, found);
      return found;
    };
    const reviewers = new Map<string, Reviewer[]>();
    for (const [roleId, groups] of holders) {
      reviewers.set(
        roleId,
        groups
          .filter(holder => visible(holder.groupRef))
          .map(holder => ({ holder, rank: rankOf(holder.groupRef) }))
          .sort(
            (a, b) =>
              REVIEWER_CLOSENESS.indexOf(a.rank.closeness) -
                REVIEWER_CLOSENESS.indexOf(b.rank.closeness) ||
              a.rank.steps - b.rank.steps ||
              organisation.groups[a.holder.groupRef].displayName.localeCompare(
                organisation.groups[b.holder.groupRef].displayName,
                'en',
              ),
          )
          .map(
            ({ holder, rank }): Reviewer => ({
              ...holder,
              displayName: organisation.groups[holder.groupRef].displayName,
              closeness: rank.closeness,
              reason: rank.reason,
            }),
          ),
      );
    }
    return reviewers;
  }

  /**
   * The members of a Group the caller may read, the first, as many as configured, and how many:
   * its own people, or those of the Groups under it when it has none.
   */
  membersOf(
    organisation: Organisation,
    groupRef: string,
    visible: (ref: string) => boolean,
  ) {
    const members = this.peopleOf(organisation, groupRef).members.filter(m =>
      visible(m.userRef),
    );
    return {
      members: members.slice(0, this.options.maxMembersPerGroup),
      memberCount: members.length,
    };
  }

  /** The refs of the people {@link ReviewerService.membersOf} may list, to check with the catalog. */
  memberRefs(organisation: Organisation, groupRef: string) {
    return this.peopleOf(organisation, groupRef).members.map(m => m.userRef);
  }

  /** Each Group's people, once per organisation: ranking asks for them for every holder. */
  private readonly people = new WeakMap<
    Organisation,
    Map<string, ReturnType<typeof peopleOf>>
  >();

  private peopleOf(organisation: Organisation, groupRef: string) {
    const known =
      this.people.get(organisation) ??
      new Map<string, ReturnType<typeof peopleOf>>();
    this.people.set(organisation, known);
    const found =
      known.get(groupRef) ??
      peopleOf(
        organisation,
        groupRef,
        userRef => !this.options.notPeople.includes(userRef),
      );
    known.set(groupRef, found);
    return found;
  }

  /**
   * Where a Group sits relative to the owner, in a sentence; the owner, a Group above it and the
   * Domain are named only when the caller may read them.
   */
  private rank(groupRef: string, context: RankContext): Rank {
    const rank = this.placeOf(groupRef, context);
    return this.peopleOf(context.organisation, groupRef).fromChildGroups
      ? {
          ...rank,
          reason: `${rank.reason}; no members of its own, so the members of the groups under it are listed`,
        }
      : rank;
  }

  private placeOf(
    groupRef: string,
    { owner, domainRef, steps, organisation, visible }: RankContext,
  ): Rank {
    const group = organisation.groups[groupRef];
    const ownerGroup = owner ? organisation.groups[owner] : undefined;
    const away = steps.get(groupRef) ?? Number.POSITIVE_INFINITY;
    if (owner && groupRef === owner) {
      return { closeness: 'owner', reason: 'owns it', steps: 0 };
    }
    if (owner && ownerGroup?.parentRefs.includes(groupRef)) {
      return {
        closeness: 'parent',
        reason: `parent group of the owner ${refName(owner)}`,
        steps: 1,
      };
    }
    if (owner && ownerGroup?.childRefs.includes(groupRef)) {
      return {
        closeness: 'child',
        reason: `a team inside the owner ${refName(owner)}`,
        steps: 1,
      };
    }
    const sharedParent = ownerGroup?.parentRefs.find(p =>
      group.parentRefs.includes(p),
    );
    if (owner && sharedParent) {
      const under = ownerGroup!.parentRefs.find(
        p => group.parentRefs.includes(p) && visible(p),
      );
      return {
        closeness: 'sibling',
        reason: `a sibling team of the owner ${refName(owner)}${
          under ? ` under ${refName(under)}` : ''
        }`,
        steps: 2,
      };
    }
    const owned =
      domainRef && visible(domainRef)
        ? (organisation.domainOwners[domainRef] ?? []).find(
            o => o.groupRef === groupRef && visible(o.ownedRef),
          )
        : undefined;
    if (domainRef && owned) {
      const what =
        owned.ownedRef === domainRef
          ? `the domain ${refName(domainRef)}`
          : `the System ${refName(owned.ownedRef)}`;
      return {
        closeness: 'domain',
        reason: `owns ${what} in the same domain ${refName(domainRef)}`,
        steps: away,
      };
    }
    if (!owner) {
      return {
        closeness: 'elsewhere',
        reason:
          'holds the role; the owner is no Group of the organisation, so how near this one is cannot be told',
        steps: away,
      };
    }
    if (away <= this.options.nearbySteps) {
      return {
        closeness: 'nearby',
        reason: this.nearbyRelation(
          groupRef,
          owner,
          away,
          organisation,
          visible,
        ),
        steps: away,
      };
    }
    return {
      closeness: 'elsewhere',
      reason: Number.isFinite(away)
        ? `far from the owner ${refName(
            owner,
          )}: ${away} steps apart in the organisation`
        : `far from the owner ${refName(
            owner,
          )}: not connected to it in the organisation`,
      steps: away,
    };
  }

  /** How a Group a few steps from the owner is related to it: above, below, or both under one. */
  private nearbyRelation(
    groupRef: string,
    owner: string,
    away: number,
    organisation: Organisation,
    visible: (ref: string) => boolean,
  ) {
    if (ancestorsOf(organisation, owner).has(groupRef)) {
      return `a group above the owner ${refName(owner)}, ${away} steps up`;
    }
    if (ancestorsOf(organisation, groupRef).has(owner)) {
      return `a team under the owner ${refName(owner)}, ${away} steps down`;
    }
    const above = commonAncestor(organisation, owner, groupRef);
    return `${away} steps from the owner ${refName(owner)}${
      above && visible(above)
        ? `, both under ${refName(above)}`
        : ' in the organisation'
    }`;
  }

  /**
   * The refs a ranking of these holders may name besides the Groups: the owner and the Groups
   * above it, the Domain, and what each holder owns there.
   */
  placementRefs(
    { ownerRef, domainRef }: Placement,
    holders: Map<string, Holder[]>,
    organisation: Organisation,
  ) {
    const groupRefs = new Set(
      [...holders.values()].flat().map(h => h.groupRef),
    );
    return [
      ...(ownerRef
        ? [ownerRef, ...ancestorsOf(organisation, ownerRef).keys()]
        : []),
      ...(domainRef
        ? [
            domainRef,
            ...(organisation.domainOwners[domainRef] ?? [])
              .filter(o => groupRefs.has(o.groupRef))
              .map(o => o.ownedRef),
          ]
        : []),
    ];
  }
}
