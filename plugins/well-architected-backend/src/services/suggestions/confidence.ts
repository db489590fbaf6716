import { SuggestionConfidence } from 'backstage-plugin-well-architected-common';
import { SignalSource } from 'backstage-plugin-well-architected-node';

/** One piece of evidence behind a suggested role, as far as confidence is concerned. */
export interface WeighedEvidence {
  signal: string;
  source: SignalSource;
  /** The weight of the rule that found it. */
  weight: number;
}

/** The weight from which one signal of the entity's own is enough to be sure. */
const DECISIVE_WEIGHT = 3;

/**
 * How sure a suggestion is, for people, from its evidence:
 * - `strong`: two different signals of the entity's own data (or of its parts), or one from a
 *   rule weighed 3 or more;
 * - `moderate`: one signal of its own;
 * - `weak`: only signals inherited from its System or read through relations.
 */
export function confidenceOf(
  evidence: WeighedEvidence[],
): SuggestionConfidence {
  const own = evidence.filter(e => e.source === 'own');
  const signals = new Set(own.map(e => e.signal));
  if (signals.size >= 2 || own.some(e => e.weight >= DECISIVE_WEIGHT)) {
    return 'strong';
  }
  return own.length > 0 ? 'moderate' : 'weak';
}
