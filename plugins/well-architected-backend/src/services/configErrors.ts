import { z } from 'zod';

/** `base.rules[0].id` from `base` and a path. */
function keyOf(base: string, path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (key, part) =>
      typeof part === 'number' ? `${key}[${part}]` : `${key}.${String(part)}`,
    base,
  );
}

/** A start-up error naming the config key under `base` at `path`, and what is wrong with it. */
export function configError(
  base: string,
  path: ReadonlyArray<PropertyKey>,
  problem: string,
): Error {
  return new Error(`Invalid config at ${keyOf(base, path)}: ${problem}`);
}

/** The first issue of a failed parse of the config under `base`, as a {@link configError}. */
export function configParseError(base: string, error: z.ZodError): Error {
  const [issue] = error.issues;
  return issue.code === 'unrecognized_keys'
    ? configError(base, [...issue.path, issue.keys[0]], 'unknown key')
    : configError(base, issue.path, issue.message);
}
