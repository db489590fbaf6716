import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  RuleEvidence,
  SuggestionContext,
} from 'backstage-plugin-well-architected-node';

export const ref = (entity: Entity) => stringifyEntityRef(entity);
const name = (entity: Entity) => entity.metadata.name;
export const specType = (entity: Entity) =>
  String(entity.spec?.type ?? '').toLocaleLowerCase('en');
export const tags = (entity: Entity) =>
  (entity.metadata.tags ?? []).map(t => t.toLocaleLowerCase('en'));

/** The entity and its parts: everything whose own metadata speaks for the whole. */
export function subjects(context: SuggestionContext): Entity[] {
  const { entity, parts } = context;
  return parts.some(part => ref(part) === ref(entity))
    ? parts
    : [entity, ...parts];
}

/** "a, b and 2 more" */
export function names(entities: Entity[], max = 3): string {
  const shown = entities.slice(0, max).map(e => `\`${name(e)}\``);
  const more = entities.length - shown.length;
  if (more > 0) {
    return `${shown.join(', ')} and ${more} more`;
  }
  if (shown.length < 2) {
    return shown.join('');
  }
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** Evidence about the matching entities, each named once, or undefined when none match. */
export function evidence(
  found: Entity[],
  message: (matching: Entity[]) => string,
): RuleEvidence | undefined {
  // A Resource can be both a part of a system and a dependency of its parts.
  const matching = [...new Map(found.map(e => [ref(e), e])).values()];
  if (matching.length === 0) {
    return undefined;
  }
  return { message: message(matching), entityRefs: matching.map(ref) };
}

export function withAnnotation(keys: string[]) {
  return (entity: Entity) =>
    keys.some(key => Boolean(entity.metadata.annotations?.[key]));
}
