import { createHash } from 'node:crypto';
import fs from 'node:fs';
import {
  SchedulerServiceTaskScheduleDefinition,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { HumanDuration, durationToMilliseconds } from '@backstage/types';
import { SuggestionRule } from 'backstage-plugin-well-architected-node';
import { SignalVocabulary } from '../signals/vocabulary';
import { DEFAULT_PAGE_SIZE } from './CatalogEvaluator';

const KEY = 'wellArchitected.evaluation';

/** How often, and how, the catalog is evaluated. */
export interface EvaluationSettings {
  schedule: SchedulerServiceTaskScheduleDefinition & {
    frequency: HumanDuration;
  };
  /** Into how many tasks the work is split; the scheduler gives each to one replica at a time. */
  shards: number;
  /** When the first round of a shard starts: the configured delay, the shards spread over the interval. */
  initialDelayOf(shard: number): HumanDuration;
  /** How long after a round that found the catalog changing the next one runs. */
  followUpDelay: HumanDuration;
  pageSize: number;
}

const DEFAULTS: Record<
  'frequency' | 'timeout' | 'initialDelay' | 'followUpDelay',
  HumanDuration
> = {
  frequency: { minutes: 5 },
  timeout: { minutes: 30 },
  initialDelay: { seconds: 10 },
  followUpDelay: { seconds: 30 },
};

function wholeNumber(
  config: Config,
  key: string,
  min: number,
  max: number,
  fallback: number,
) {
  const value = config.getOptional(`${KEY}.${key}`) ?? fallback;
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < min ||
    value > max
  ) {
    throw new InputError(
      `Invalid config at ${KEY}.${key}: use a whole number from ${min} to ${max} (default ${fallback})`,
    );
  }
  return value;
}

/** `wellArchitected.evaluation`: the schedule, the shards and the catalog page size. */
export function readEvaluationSettings(config: Config): EvaluationSettings {
  const duration = (key: keyof typeof DEFAULTS) =>
    config.has(`${KEY}.${key}`)
      ? readDurationFromConfig(config, { key: `${KEY}.${key}` })
      : DEFAULTS[key];
  const frequency = duration('frequency');
  const initialDelay = duration('initialDelay');
  const shards = wholeNumber(config, 'shards', 1, 64, 1);
  return {
    schedule: { frequency, timeout: duration('timeout'), initialDelay },
    shards,
    followUpDelay: duration('followUpDelay'),
    pageSize: wholeNumber(config, 'pageSize', 10, 10_000, DEFAULT_PAGE_SIZE),
    initialDelayOf: shard => ({
      milliseconds: Math.round(
        durationToMilliseconds(initialDelay) +
          (durationToMilliseconds(frequency) * shard) / shards,
      ),
    }),
  };
}

/**
 * The shape of a stored result: raised when the engine stores more of an entity (2: its title and
 * lifecycles, for coverage), fits its roles differently (3: regulated-only responsibilities and
 * retiring lifecycles) or says more (4: its tier), so that results stored before are made again
 * within a release too.
 */
const RESULT_FORMAT = 4;

/**
 * A hash of everything besides the catalog and the dataset that a result depends on: the plugin's
 * version and the result format, the rules (their code too: a module's rule may change between releases), their
 * configuration and the signal vocabulary. A change of any re-evaluates every entity.
 */
export function ruleConfigHash(options: {
  config: Config;
  rules: SuggestionRule[];
  vocabulary: SignalVocabulary;
}): string {
  const packageJson = JSON.parse(
    fs.readFileSync(
      resolvePackagePath(
        'backstage-plugin-well-architected-backend',
        'package.json',
      ),
      'utf8',
    ),
  );
  return createHash('sha256')
    .update(
      JSON.stringify({
        version: packageJson.version,
        format: RESULT_FORMAT,
        rules: options.rules.map(r => [
          r.id,
          r.weight,
          r.roles,
          String(r.evaluate),
        ]),
        suggestions:
          options.config.getOptional('wellArchitected.suggestions') ?? null,
        vocabulary: options.vocabulary,
      }),
    )
    .digest('hex');
}
