import { ReviewerMember } from 'backstage-plugin-well-architected-common';
import { Organisation } from './model';

/**
 * Every Group reached from `fromRef` by following `next`, with the fewest steps it takes, `fromRef`
 * itself at 0; Groups the organisation does not have are not followed.
 */
function walk(
  organisation: Organisation,
  fromRef: string,
  next: (group: Organisation['groups'][string]) => string[],
): Map<string, number> {
  const steps = new Map([[fromRef, 0]]);
  let frontier = [fromRef];
  for (let distance = 1; frontier.length > 0; distance++) {
    frontier = frontier
      .flatMap(ref =>
        organisation.groups[ref] ? next(organisation.groups[ref]) : [],
      )
      .filter(ref => organisation.groups[ref] && !steps.has(ref));
    for (const ref of frontier) {
      steps.set(ref, distance);
    }
  }
  return steps;
}

/**
 * How many `parentOf`/`childOf` steps separate each Group from `fromRef`, walking the hierarchy
 * both ways (a sibling is 2 steps away: up to the parent, down to the sibling). Groups that no
 * path reaches are absent; `fromRef` is a Group of the organisation.
 */
export function stepsFrom(
  organisation: Organisation,
  fromRef: string,
): Map<string, number> {
  return walk(organisation, fromRef, g => [...g.parentRefs, ...g.childRefs]);
}

/** Each ancestor of a Group (parents, their parents, …) with how many steps up it is. */
export function ancestorsOf(
  organisation: Organisation,
  ref: string,
): Map<string, number> {
  const ancestors = walk(organisation, ref, g => g.parentRefs);
  ancestors.delete(ref);
  return ancestors;
}

/**
 * The nearest Group both sit under: the common ancestor with the fewest steps up from either, the
 * first by ref among equals; undefined when they share none.
 */
export function commonAncestor(
  organisation: Organisation,
  aRef: string,
  bRef: string,
): string | undefined {
  const ofA = ancestorsOf(organisation, aRef);
  const ofB = ancestorsOf(organisation, bRef);
  return [...ofA]
    .filter(([ref]) => ofB.has(ref))
    .map(([ref, up]) => ({ ref, steps: up + ofB.get(ref)! }))
    .sort((x, y) => x.steps - y.steps || x.ref.localeCompare(y.ref))[0]?.ref;
}

/**
 * The people of a Group: its own members, or when it has none, the members of the Groups under
 * it, by display name. Users that `isPerson` refuses (a guest account) are never among them.
 */
export function peopleOf(
  organisation: Organisation,
  groupRef: string,
  isPerson: (userRef: string) => boolean,
): { members: ReviewerMember[]; fromChildGroups: boolean } {
  const own = (ref: string) =>
    (organisation.groups[ref]?.members ?? []).filter(m => isPerson(m.userRef));
  const members = own(groupRef);
  if (members.length > 0) {
    return { members, fromChildGroups: false };
  }
  const below = new Map<string, ReviewerMember>();
  for (const child of walk(organisation, groupRef, g => g.childRefs).keys()) {
    for (const member of own(child)) {
      below.set(member.userRef, member);
    }
  }
  return {
    members: [...below.values()].sort(
      (a, b) =>
        a.displayName.localeCompare(b.displayName, 'en') ||
        a.userRef.localeCompare(b.userRef),
    ),
    fromChildGroups: below.size > 0,
  };
}
