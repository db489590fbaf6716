import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_HAS_PART,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  annotatedRoleIds,
  displayName,
  normalizeRef,
} from '../RoleLinkService';
import { Organisation, OrganisationGroup } from './model';

/** What is read of Users: their names and the Groups they are members of. */
export const USER_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.profile.displayName',
  'relations',
];

/** What is read of Domains: their owner and Systems. */
export const DOMAIN_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'relations',
];

const keyOf = (entity: Entity) => normalizeRef(stringifyEntityRef(entity));

function relationTargets(entity: Entity, type: string): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => normalizeRef(r.targetRef));
}

/**
 * The organisation as reviewer ranking sees it, from the Groups, Users, Domains and Systems of the
 * catalog: each Group's display name, parents and children (from either side's relations),
 * members by display name and declared roles; and who owns the Domain and each of its Systems.
 */
export function buildOrganisation(entities: {
  groups: Entity[];
  users: Entity[];
  domains: Entity[];
  systems: Entity[];
}): Organisation {
  // Sorted, so that the same catalog gives the same JSON (and hash) whatever order it answered in.
  const byRef = (list: Entity[]) =>
    [...list].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  const groups: Record<string, OrganisationGroup> = {};
  for (const group of byRef(entities.groups)) {
    const ref = keyOf(group);
    groups[ref] = {
      displayName: displayName(group, ref),
      parentRefs: relationTargets(group, RELATION_CHILD_OF),
      childRefs: relationTargets(group, RELATION_PARENT_OF),
      members: [],
      roleIds: annotatedRoleIds(group),
    };
  }
  // The hierarchy may be written on either side.
  for (const [ref, group] of Object.entries(groups)) {
    for (const parent of group.parentRefs) {
      groups[parent]?.childRefs.push(ref);
    }
    for (const child of group.childRefs) {
      groups[child]?.parentRefs.push(ref);
    }
  }
  for (const group of Object.values(groups)) {
    group.parentRefs = [...new Set(group.parentRefs)].sort();
    group.childRefs = [...new Set(group.childRefs)].sort();
  }
  for (const user of entities.users) {
    const userRef = keyOf(user);
    for (const groupRef of relationTargets(user, RELATION_MEMBER_OF)) {
      groups[groupRef]?.members.push({
        userRef,
        displayName: displayName(user, userRef),
      });
    }
  }
  for (const group of Object.values(groups)) {
    group.members.sort(
      (a, b) =>
        a.displayName.localeCompare(b.displayName, 'en') ||
        a.userRef.localeCompare(b.userRef),
    );
  }

  const ownerOf = new Map(
    entities.systems.map(s => [
      keyOf(s),
      relationTargets(s, RELATION_OWNED_BY)[0],
    ]),
  );
  const domainOwners: Organisation['domainOwners'] = {};
  for (const domain of byRef(entities.domains)) {
    const domainRef = keyOf(domain);
    const owners = relationTargets(domain, RELATION_OWNED_BY).map(groupRef => ({
      groupRef,
      ownedRef: domainRef,
    }));
    const systemRefs = new Set([
      ...relationTargets(domain, RELATION_HAS_PART),
      ...entities.systems
        .filter(s => relationTargets(s, RELATION_PART_OF).includes(domainRef))
        .map(keyOf),
    ]);
    for (const systemRef of [...systemRefs].sort()) {
      const groupRef = ownerOf.get(systemRef);
      if (groupRef) {
        owners.push({ groupRef, ownedRef: systemRef });
      }
    }
    domainOwners[domainRef] = owners;
  }
  return { groups, domainOwners };
}
