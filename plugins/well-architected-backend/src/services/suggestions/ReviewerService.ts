import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_MEMBER_OF,
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
import { RoleLinkService, displayName, normalizeRef } from '../RoleLinkService';

function relationTargets(entity: Entity | undefined, type: string): string[] {
  return (entity?.relations ?? [])
    .filter(r => r.type === type)
    .map(r => normalizeRef(r.targetRef));
}

const refName = (ref: string) => `\`${parseEntityRef(ref).name}\``;

/** What is read of the Systems of a domain: enough to know each one's owner. */
const SYSTEM_OWNER_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.owner',
];

/** The owner of an entity read with {@link SYSTEM_OWNER_FIELDS}, as a full lower-case ref. */
function ownerOf(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string') {
    return undefined;
  }
  try {
    return normalizeRef(
      stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    );
  } catch {
    return undefined;
  }
}

function kindOf(ref: string) {
  return parseEntityRef(ref).kind.toLocaleLowerCase('en');
}

/** How many members of each reviewer group an answer lists when config does not say. */
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
  constructor(
    private readonly links: RoleLinkService,
    private readonly options: { maxMembersPerGroup?: number } = {},
  ) {}

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
      [...holders.values()].flat().map(h => h.groupRef),
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
              ...this.capped(members.get(holder.groupRef) ?? []),
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

  /** The first members, as many as configured, and how many there are. */
  private capped(members: ReviewerMember[]) {
    return {
      members: members.slice(
        0,
        this.options.maxMembersPerGroup ?? DEFAULT_MAX_MEMBERS_PER_GROUP,
      ),
      memberCount: members.length,
    };
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
      // Only each System's owner is needed: a domain can have many Systems, each with many
      // relations.
      const systems = await this.links.readEntities(
        relationTargets(domain, RELATION_HAS_PART).filter(
          ref => kindOf(ref) === 'system',
        ),
        credentials,
        SYSTEM_OWNER_FIELDS,
      );
      for (const s of systems) {
        const groupRef = ownerOf(s);
        if (groupRef && !domainOwners.has(groupRef)) {
          domainOwners.set(groupRef, `the System \`${s.metadata.name}\``);
        }
      }
    }
    return {
      // An owner the caller cannot read is not named.
      ownerRef: owner ? ownerRef : undefined,
      parents: new Set(relationTargets(owner, RELATION_CHILD_OF)),
      children: new Set(relationTargets(owner, RELATION_PARENT_OF)),
      domainRef,
      domainOwners,
    };
  }

  /** The members of each of the given groups, by display name, in one request. */
  private async members(
    groupRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, ReviewerMember[]>> {
    const wanted = new Set(groupRefs);
    const byGroup = new Map<string, ReviewerMember[]>();
    for (const user of await this.links.readMembers([...wanted], credentials)) {
      const userRef = normalizeRef(stringifyEntityRef(user));
      const member = { userRef, displayName: displayName(user, userRef) };
      for (const groupRef of relationTargets(user, RELATION_MEMBER_OF)) {
        if (wanted.has(groupRef)) {
          byGroup.set(groupRef, [...(byGroup.get(groupRef) ?? []), member]);
        }
      }
    }
    for (const members of byGroup.values()) {
      members.sort((a, b) => a.displayName.localeCompare(b.displayName, 'en'));
    }
    return byGroup;
  }
}
