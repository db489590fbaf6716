const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 24 * 60 * 60 * 1000],
  ['hour', 60 * 60 * 1000],
  ['minute', 60 * 1000],
];

/**
 * How long ago the background evaluation computed an answer, in words ("5 minutes ago", "just
 * now"), in the browser's language.
 */
export function evaluatedAgo(evaluatedAt: string, now = Date.now()): string {
  const elapsed = Math.max(0, now - Date.parse(evaluatedAt));
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (elapsed >= ms) {
      return format.format(-Math.floor(elapsed / ms), unit);
    }
  }
  return 'just now';
}
