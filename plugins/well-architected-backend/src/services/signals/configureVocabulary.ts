import { Config } from '@backstage/config';
import { z } from 'zod';
import { configParseError } from '../configErrors';
import {
  ANNOTATION_SIGNALS,
  LIFECYCLE_MEANINGS,
  RESOURCE_FAMILIES,
  SignalVocabulary,
  TAG_SIGNALS,
  WORKLOAD_FAMILIES,
  defaultVocabulary,
} from './vocabulary';

const CONFIG_KEY = 'wellArchitected.suggestions.vocabulary';

const word = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .transform(v => v.toLocaleLowerCase('en'));
const words = z.array(word);

const listsOf = <K extends string>(keys: readonly [K, ...K[]]) =>
  z.partialRecord(z.enum(keys), words);

const vocabularySchema = z.strictObject({
  annotations: z
    .array(
      z.strictObject({
        key: z.string().trim().min(1, 'name an annotation key'),
        signal: z.enum(ANNOTATION_SIGNALS, {
          message: `use one of ${ANNOTATION_SIGNALS.join(', ')}`,
        }),
        tool: z.string().trim().min(1, 'name the tool, like PagerDuty'),
      }),
    )
    .default([]),
  tags: listsOf(TAG_SIGNALS).default({}),
  tagListAnnotations: words.default([]),
  labels: z
    .array(
      z.strictObject({
        key: word,
        values: words.min(1, 'give at least one value'),
        signal: z.enum(TAG_SIGNALS, {
          message: `use one of ${TAG_SIGNALS.join(', ')}`,
        }),
      }),
    )
    .default([]),
  componentTypes: listsOf(WORKLOAD_FAMILIES).default({}),
  resourceTypes: z
    .partialRecord(
      z.enum(RESOURCE_FAMILIES),
      z.record(z.string().min(1), z.string().min(1, 'name the product')),
    )
    .default({}),
  lifecycles: listsOf(LIFECYCLE_MEANINGS).default({}),
});

function extend<K extends string, V>(
  base: Record<K, V>,
  extra: Partial<Record<K, V>>,
  join: (a: V, b: V) => V,
): Record<K, V> {
  const result = { ...base };
  for (const [key, value] of Object.entries(extra) as Array<[K, V]>) {
    result[key] = join(base[key], value);
  }
  return result;
}

const lists = (a: string[], b: string[]) => [...new Set([...a, ...b])];

/**
 * The signal vocabulary: the defaults plus what `wellArchitected.suggestions.vocabulary` adds.
 * Config only adds spellings; it cannot take a default away. Throws at start, naming the key, on
 * anything malformed.
 */
export function configureVocabulary(config: Config): SignalVocabulary {
  const parsed = vocabularySchema.safeParse(
    config.getOptional(CONFIG_KEY) ?? {},
  );
  if (!parsed.success) {
    throw configParseError(CONFIG_KEY, parsed.error);
  }
  const extra = parsed.data;
  return {
    annotations: [...defaultVocabulary.annotations, ...extra.annotations],
    tags: extend(defaultVocabulary.tags, extra.tags, lists),
    tagListAnnotations: lists(
      defaultVocabulary.tagListAnnotations,
      extra.tagListAnnotations,
    ),
    labels: [...defaultVocabulary.labels, ...extra.labels],
    componentTypes: extend(
      defaultVocabulary.componentTypes,
      extra.componentTypes,
      lists,
    ),
    resourceTypes: extend(
      defaultVocabulary.resourceTypes,
      extra.resourceTypes,
      (a, b) => ({
        ...a,
        ...Object.fromEntries(
          Object.entries(b).map(([type, product]) => [
            type.trim().toLocaleLowerCase('en'),
            product,
          ]),
        ),
      }),
    ),
    lifecycles: extend(defaultVocabulary.lifecycles, extra.lifecycles, lists),
  };
}
