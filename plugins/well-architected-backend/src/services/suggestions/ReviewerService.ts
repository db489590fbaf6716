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
import { Organisation, OrganisationGroup } from '../evaluation/model';

const refName = (ref: string) => `\`${parseEntityRef(ref).name}\``;

/** How many members of a reviewer group an answer lists when config does not say. */
export const DEFAULT_MAX_MEMBERS_PER_GROUP = 10;

const MAX_MEMBERS_KEY = 'wellArchitected.reviewers.maxMembersPerGroup';

/** `wellArchitected.reviewers.maxMembersPerGroup`: a whole number from 0 to 1000. */
export function readMaxMembersPerGroup(config: Config): number {
  const parsed = z
    .number()
    .int()
    .min(0)
    .max(1000)
    .safeParse(
      config.getOptional(MAX_MEMBERS_KEY) ?? DEFAULT_MAX_MEMBERS_PER_GROUP,
    );
  if (!parsed.success) {
    throw new InputError(
      `Invalid config at ${MAX_MEMBERS_KEY}: use a whole number from 0 to 1000 (default ${DEFAULT_MAX_MEMBERS_PER_GROUP})`,
    );
  }
  return parsed.data;
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

/**
 * Turns suggested roles into suggested reviewers: merges the Groups whose catalog annotation
 * declares each role with the portal links as they are now, and ranks them by closeness to the
 * entity's owner in the organisation; lists a reviewer group's members when they are asked for.
 * Reads nothing itself; the caller says which entities the person asking may read.
 */
export class ReviewerService {
  constructor(private readonly options: { maxMembersPerGroup?: number } = {}) {}

  /**
   * The Groups that hold each role: catalog annotations first, then portal links. Groups the
   * organisation does not know (gone from the catalog) are left out.
   */
  holdersOf(
    roleIds: string[],
    organisation: Organisation,
    links: StoredRoleLink[],
  ): Map<string, Holder[]> {
    const holders = new Map<string, Map<string, Holder>>(
      roleIds.map(id => [id, new Map()]),
    );
    const holder = (roleId: string, groupRef: string) => {
      const byGroup = holders.get(roleId)!;
      const found = byGroup.get(groupRef) ?? { groupRef, sources: [] };
      byGroup.set(groupRef, found);
      return found;
    };
    for (const [groupRef, group] of Object.entries(organisation.groups)) {
      for (const roleId of group.roleIds) {
        if (holders.has(roleId)) {
          holder(roleId, groupRef).sources.push('catalog');
        }
      }
    }
    for (const link of links) {
      if (holders.has(link.roleId) && organisation.groups[link.groupRef]) {
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
    const reviewers = new Map<string, Reviewer[]>();
    for (const [roleId, groups] of holders) {
      reviewers.set(
        roleId,
        groups
          .filter(holder => visible(holder.groupRef))
          .map((holder): Reviewer => {
            const group = organisation.groups[holder.groupRef];
            return {
              ...holder,
              displayName: group.displayName,
              ...this.rank(holder.groupRef, placement, organisation, visible),
            };
          })
          .sort(
            (a, b) =>
              REVIEWER_CLOSENESS.indexOf(a.closeness) -
                REVIEWER_CLOSENESS.indexOf(b.closeness) ||
              a.displayName.localeCompare(b.displayName, 'en'),
          ),
      );
    }
    return reviewers;
  }

  /** The members of a Group the caller may read: the first, as many as configured, and how many. */
  membersOf(group: OrganisationGroup, visible: (ref: string) => boolean) {
    const members = group.members.filter(m => visible(m.userRef));
    return {
      members: members.slice(
        0,
        this.options.maxMembersPerGroup ?? DEFAULT_MAX_MEMBERS_PER_GROUP,
      ),
      memberCount: members.length,
    };
  }

  /** How close a Group is to the owner; an owner or Domain the caller cannot read is not named. */
  private rank(
    groupRef: string,
    { ownerRef, domainRef }: Placement,
    organisation: Organisation,
    visible: (ref: string) => boolean,
  ): { closeness: ReviewerCloseness; reason: string } {
    const owner =
      ownerRef && visible(ownerRef) ? organisation.groups[ownerRef] : undefined;
    if (ownerRef && owner && groupRef === ownerRef) {
      return { closeness: 'owner', reason: 'owns it' };
    }
    if (ownerRef && owner?.parentRefs.includes(groupRef)) {
      return {
        closeness: 'parent',
        reason: `parent group of the owner ${refName(ownerRef)}`,
      };
    }
    if (ownerRef && owner?.childRefs.includes(groupRef)) {
      return {
        closeness: 'child',
        reason: `a team inside the owner ${refName(ownerRef)}`,
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
      };
    }
    return {
      closeness: 'other',
      reason: 'holds the role elsewhere in the organisation',
    };
  }

  /**
   * The refs a ranking of these holders may name besides the Groups: the owner, the Domain, and
   * what each holder owns there.
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
      ...(ownerRef ? [ownerRef] : []),
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
