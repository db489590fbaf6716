import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  RuleEvidence,
  Signal,
  SuggestionContext,
} from 'backstage-plugin-well-architected-node';

export const ref = (entity: Entity) => stringifyEntityRef(entity);
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

/** The names of the entities with these refs: "a, b and 2 more", plain text. */
export function names(entityRefs: string[], max = 3): string {
  const shown = entityRefs.slice(0, max).map(r => parseEntityRef(r).name);
  const more = entityRefs.length - shown.length;
  if (more > 0) {
    return `${shown.join(', ')} and ${more} more`;
  }
  if (shown.length < 2) {
    return shown.join('');
  }
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** The evidence of the signals with the given ids, one item per signal; empty when none fired. */
export function signalEvidence(
  context: SuggestionContext,
  ids: string[],
  accept: (signal: Signal) => boolean = () => true,
): RuleEvidence[] {
  return context.signals
    .filter(s => ids.includes(s.id) && accept(s))
    .map(s => ({
      signal: s.id,
      message: s.message,
      entityRefs: s.entityRefs,
      source: s.source,
    }));
}
