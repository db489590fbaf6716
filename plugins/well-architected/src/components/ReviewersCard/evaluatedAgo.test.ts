import { evaluatedAgo } from './evaluatedAgo';

describe('evaluatedAgo', () => {
  const at = '2026-11-30T09:00:00.000Z';
  const after = (ms: number) => Date.parse(at) + ms;

  it('says just now under a minute, and for a clock slightly behind the server', () => {
    expect(evaluatedAgo(at, after(59_000))).toBe('just now');
    expect(evaluatedAgo(at, after(-5_000))).toBe('just now');
  });

  it('counts whole minutes, hours and days', () => {
    expect(evaluatedAgo(at, after(60_000))).toBe('1 minute ago');
    expect(evaluatedAgo(at, after(5 * 60_000 + 59_000))).toBe('5 minutes ago');
    expect(evaluatedAgo(at, after(2 * 3_600_000))).toBe('2 hours ago');
    expect(evaluatedAgo(at, after(24 * 3_600_000))).toBe('yesterday');
    expect(evaluatedAgo(at, after(3 * 24 * 3_600_000))).toBe('3 days ago');
  });
});
