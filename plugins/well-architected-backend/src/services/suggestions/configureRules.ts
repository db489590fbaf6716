import { Config } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { PILLAR_IDS } from 'backstage-plugin-well-architected-common';
import {
  SuggestionContext,
  SuggestionRule,
} from 'backstage-plugin-well-architected-node';
import { z } from 'zod';
import {
  configError as invalidConfig,
  configParseError,
} from '../configErrors';
import { spec } from '../../schema/openapi/generated/router';
import { SIGNAL_IDS } from '../signals/vocabulary';
import { names, ref, specType, subjects, tags } from './evidence';

const CONFIG_KEY = 'wellArchitected.suggestions';

/** A rule id's form, as the API document writes it. */
const RULE_ID = new RegExp(spec.components.schemas.RuleId.pattern);
const RULE_ID_HELP =
  'use lower-case words joined by hyphens, like grpc-services';

const values = z
  .array(z.string().trim().min(1, 'must not be empty'))
  .min(1, 'give at least one value, or leave the key out');

const matchSchema = z
  .strictObject({
    kind: values.optional(),
    type: values.optional(),
    lifecycle: values.optional(),
    tags: values.optional(),
    annotations: values.optional(),
    resourceTypes: values.optional(),
    signals: z
      .array(
        z.enum(SIGNAL_IDS, {
          message: `use one of the signals ${SIGNAL_IDS.join(', ')}`,
        }),
      )
      .min(1, 'give at least one signal, or leave the key out')
      .optional(),
  })
  .refine(match => Object.keys(match).length > 0, {
    message:
      'give at least one of kind, type, lifecycle, tags, annotations, resourceTypes, signals',
  });

const declarativeRuleSchema = z.strictObject({
  id: z.string().regex(RULE_ID, RULE_ID_HELP),
  match: matchSchema,
  role: z.string().min(1, 'name a role id, like site-reliability-engineer'),
  pillar: z.enum(PILLAR_IDS, {
    message: `use one of ${PILLAR_IDS.join(', ')}`,
  }),
  message: z.string().trim().min(1, 'write the sentence users will read'),
  weight: z.number().positive('use a number above 0').default(1),
});

const suggestionsConfigSchema = z.strictObject({
  disabledRules: z.array(z.string()).default([]),
  weights: z
    .record(z.string(), z.number().positive('use a number above 0'))
    .default({}),
  rules: z.array(declarativeRuleSchema).default([]),
  // Checked by configureVocabulary.
  vocabulary: z.unknown().optional(),
});

type DeclarativeRule = z.infer<typeof declarativeRuleSchema>;

function configError(path: ReadonlyArray<PropertyKey>, problem: string) {
  return invalidConfig(CONFIG_KEY, path, problem);
}

const lowered = (list?: string[]) => list?.map(v => v.toLocaleLowerCase('en'));

/**
 * A rule from config. Entity criteria (kind, type, lifecycle, tags, annotations) must all hold for
 * one entity among the entity, its parts, its Resources and the APIs it provides; `resourceTypes`
 * must match a Resource it depends on or contains; one of `signals` must have been read, through
 * the vocabulary, from the entity or its neighbourhood. The message may say `{entities}` (every
 * entity a criterion found, signals included) and `{count}`.
 */
function declarativeRule(rule: DeclarativeRule): SuggestionRule {
  const kinds = lowered(rule.match.kind);
  const types = lowered(rule.match.type);
  const lifecycles = lowered(rule.match.lifecycle);
  const wantedTags = lowered(rule.match.tags);
  const { annotations } = rule.match;
  const resourceTypes = lowered(rule.match.resourceTypes);
  const wantedSignals: string[] | undefined = rule.match.signals;
  const hasEntityCriteria = Boolean(
    kinds || types || lifecycles || wantedTags || annotations,
  );

  const matches = (entity: Entity) =>
    (!kinds || kinds.includes(entity.kind.toLocaleLowerCase('en'))) &&
    (!types || types.includes(specType(entity))) &&
    (!lifecycles ||
      lifecycles.includes(
        String(entity.spec?.lifecycle ?? '').toLocaleLowerCase('en'),
      )) &&
    (!wantedTags || tags(entity).some(t => wantedTags.includes(t))) &&
    (!annotations ||
      annotations.every(key => Boolean(entity.metadata.annotations?.[key])));

  return {
    id: rule.id,
    roles: [{ roleId: rule.role, pillarIds: [rule.pillar] }],
    weight: rule.weight,
    evaluate: (context: SuggestionContext) => {
      const matchingEntities = hasEntityCriteria
        ? [
            ...subjects(context),
            ...context.resources,
            ...context.providedApis,
          ].filter(matches)
        : [];
      const matchingResources = resourceTypes
        ? context.resources.filter(r => resourceTypes.includes(specType(r)))
        : [];
      const matchingSignals = wantedSignals
        ? context.signals.filter(s => wantedSignals.includes(s.id))
        : [];
      if (
        (hasEntityCriteria && matchingEntities.length === 0) ||
        (resourceTypes && matchingResources.length === 0) ||
        (wantedSignals && matchingSignals.length === 0)
      ) {
        return undefined;
      }
      const found = [
        ...new Set([
          ...[...matchingEntities, ...matchingResources].map(ref),
          ...matchingSignals.flatMap(s => s.entityRefs),
        ]),
      ];
      if (found.length === 0) {
        return undefined;
      }
      return {
        signal: 'configured-match',
        message: rule.message
          .replaceAll('{entities}', names(found))
          .replaceAll('{count}', String(found.length)),
        entityRefs: found,
      };
    },
  };
}

/**
 * The rules the engine runs: the given rules (defaults and those of backend modules) plus the
 * declarative rules of `wellArchitected.suggestions`, without disabled rules and with configured
 * weights. Throws at start, naming the config key or rule, on anything that cannot work.
 */
export function configureRules(options: {
  config: Config;
  rules: SuggestionRule[];
  hasRole: (roleId: string) => boolean;
}): SuggestionRule[] {
  const { config, hasRole } = options;
  const parsed = suggestionsConfigSchema.safeParse(
    config.getOptional(CONFIG_KEY) ?? {},
  );
  if (!parsed.success) {
    throw configParseError(CONFIG_KEY, parsed.error);
  }
  const { disabledRules, weights, rules: configured } = parsed.data;

  const seen = new Set<string>();
  for (const rule of options.rules) {
    if (seen.has(rule.id)) {
      throw new Error(
        `Two suggestion rules have the id '${rule.id}'; a backend module must give its rules ids of their own`,
      );
    }
    seen.add(rule.id);
    if (!RULE_ID.test(rule.id)) {
      throw new Error(
        `Suggestion rule id '${rule.id}' is not a rule id: ${RULE_ID_HELP}`,
      );
    }
    for (const { roleId } of rule.roles) {
      if (!hasRole(roleId)) {
        throw new Error(
          `Suggestion rule '${rule.id}' names role '${roleId}', which the Well-Architected dataset does not have`,
        );
      }
    }
  }
  configured.forEach((rule, index) => {
    if (seen.has(rule.id)) {
      throw configError(
        ['rules', index, 'id'],
        `a rule '${rule.id}' already exists; choose another id`,
      );
    }
    seen.add(rule.id);
    if (!hasRole(rule.role)) {
      throw configError(
        ['rules', index, 'role'],
        `the Well-Architected dataset has no role '${rule.role}'; GET /api/well-architected/roles lists the role ids`,
      );
    }
  });

  const unknownRule = (id: string) =>
    `no rule has the id '${id}'; the rules are ${[...seen].join(', ')}`;
  disabledRules.forEach((id, index) => {
    if (!seen.has(id)) {
      throw configError(['disabledRules', index], unknownRule(id));
    }
  });
  for (const id of Object.keys(weights)) {
    if (!seen.has(id)) {
      throw configError(['weights', id], unknownRule(id));
    }
  }

  return [...options.rules, ...configured.map(declarativeRule)]
    .filter(rule => !disabledRules.includes(rule.id))
    .map(rule =>
      weights[rule.id] === undefined
        ? rule
        : {
            id: rule.id,
            roles: rule.roles,
            weight: weights[rule.id],
            evaluate: context => rule.evaluate(context),
          },
    );
}
