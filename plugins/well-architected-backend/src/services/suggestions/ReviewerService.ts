import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_HAS_MEMBER,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  REVIEWER_CLOSENESS,
  Reviewer,
  ReviewerCloseness,
  ReviewerMember,
} from 'backstage-plugin-well-architected-common';
import {
  Holder,
  RoleLinkService,
  displayName,
  normalizeRef,
} from '../RoleLinkService';

function relationTargets(entity: Entity | undefined, type: string): string[] {
  return (entity?.relations ?? [])
    .filter(r => r.type === type)
    .map(r => normalizeRef(r.targetRef));
}

const refName = (ref: string) => `\`${parseEntityRef(ref).name}\``;

function kindOf(ref: string) {
  return parseEntityRef(ref).kind.toLocaleLowerCase('en');
}

/** Where the entity sits in the organisation: its owner, the owner's neighbours, its domain. */
interface Neighbourhood {
  ownerRef?: string;
  parents: Set<string>;
  children: Set<string>;
  domainRef?: string;
  /** Owners of the domain and of its Systems, each with what it owns there. */
  domainOwners: Map<string, string>;
}

/**
 * Turns suggested roles into suggested reviewers: the groups that hold each role, ranked by how
 * close they are to the owner of the entity, with their members. Reads a fixed number of catalog
 * requests whatever the number of roles, groups or members.
 */
export class ReviewerService {
  constructor(private readonly links: RoleLinkService) {}

  /** The reviewers of each role, closest first, and the owner the ranking is relative to. */
  async suggestReviewers(
    entity: Entity,
    roleIds: string[],
    credentials: BackstageCredentials,
  ): Promise<{ ownerRef?: string; reviewers: Map<string, Reviewer[]> }> {
    const [holders, neighbourhood] = await Promise.all([
      this.links.holdersOf(roleIds, credentials),
      this.neighbourhood(entity, credentials),
    ]);
    const members = await this.members(
      [...holders.values()].flat(),
      credentials,
    );

    const reviewers = new Map<string, Reviewer[]>();
    for (const [roleId, groups] of holders) {
      reviewers.set(
        roleId,
        groups
          .map(
            ({ entity: group, ...holder }): Reviewer => ({
              ...holder,
              displayName: displayName(group, holder.groupRef),
              ...this.rank(holder.groupRef, neighbourhood),
              members: relationTargets(group, RELATION_HAS_MEMBER)
                .flatMap(userRef => members.get(userRef) ?? [])
                .sort((a, b) =>
                  a.displayName.localeCompare(b.displayName, 'en'),
                ),
            }),
          )
          .sort(
            (a, b) =>
              REVIEWER_CLOSENESS.indexOf(a.closeness) -
                REVIEWER_CLOSENESS.indexOf(b.closeness) ||
              a.displayName.localeCompare(b.displayName, 'en'),
          ),
      );
    }
    return { ownerRef: neighbourhood.ownerRef, reviewers };
  }

  private rank(
    groupRef: string,
    { ownerRef, parents, children, domainRef, domainOwners }: Neighbourhood,
  ): { closeness: ReviewerCloseness; reason: string } {
    if (ownerRef && groupRef === ownerRef) {
      return { closeness: 'owner', reason: 'owns it' };
    }
    if (ownerRef && parents.has(groupRef)) {
      return {
        closeness: 'parent',
        reason: `parent group of the owner ${refName(ownerRef)}`,
      };
    }
    if (ownerRef && children.has(groupRef)) {
      return {
        closeness: 'child',
        reason: `a team inside the owner ${refName(ownerRef)}`,
      };
    }
    const owned = domainOwners.get(groupRef);
    if (domainRef && owned) {
      return {
        closeness: 'domain',
        reason: `owns ${owned} in the same domain ${refName(domainRef)}`,
      };
    }
    return {
      closeness: 'other',
      reason: 'holds the role elsewhere in the organisation',
    };
  }

  /**
   * The owner group and its parents and children (one request: owner and, for a Component, its
   * System), then the domain and its Systems (two requests).
   */
  private async neighbourhood(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<Neighbourhood> {
    const [ownerRef] = relationTargets(entity, RELATION_OWNED_BY);
    const partOf = relationTargets(entity, RELATION_PART_OF);
    const systemRef = partOf.find(ref => kindOf(ref) === 'system');
    const around = await this.links.readEntities(
      [ownerRef, systemRef].filter((r): r is string => Boolean(r)),
      credentials,
    );
    const owner = around.find(e => e.kind.toLocaleLowerCase('en') === 'group');
    const system = around.find(
      e => e.kind.toLocaleLowerCase('en') === 'system',
    );
    const domainRef = [
      ...partOf,
      ...relationTargets(system, RELATION_PART_OF),
    ].find(ref => kindOf(ref) === 'domain');

    const domainOwners = new Map<string, string>();
    if (domainRef) {
      const [domain] = await this.links.readEntities([domainRef], credentials);
      for (const groupRef of relationTargets(domain, RELATION_OWNED_BY)) {
        domainOwners.set(groupRef, `the domain ${refName(domainRef)}`);
      }
      const systems = await this.links.readEntities(
        relationTargets(domain, RELATION_HAS_PART).filter(
          ref => kindOf(ref) === 'system',
        ),
        credentials,
      );
      for (const s of systems) {
        for (const groupRef of relationTargets(s, RELATION_OWNED_BY)) {
          if (!domainOwners.has(groupRef)) {
            domainOwners.set(groupRef, `the System \`${s.metadata.name}\``);
          }
        }
      }
    }
    return {
      ownerRef,
      parents: new Set(relationTargets(owner, RELATION_CHILD_OF)),
      children: new Set(relationTargets(owner, RELATION_PARENT_OF)),
      domainRef,
      domainOwners,
    };
  }

  /** The members of the given groups with their display names, in one request. */
  private async members(
    holders: Holder[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, ReviewerMember>> {
    const userRefs = [
      ...new Set(
        holders.flatMap(h => relationTargets(h.entity, RELATION_HAS_MEMBER)),
      ),
    ];
    const users = await this.links.readEntities(userRefs, credentials);
    return new Map(
      users.map(user => {
        const userRef = normalizeRef(stringifyEntityRef(user));
        return [userRef, { userRef, displayName: displayName(user, userRef) }];
      }),
    );
  }
}
