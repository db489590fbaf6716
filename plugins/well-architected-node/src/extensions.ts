import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { SuggestionRule } from './types';

/**
 * Lets backend modules add suggestion rules in code. Rules added here run next to the default
 * rules, are checked at start like them (a role the dataset does not have fails the start), and
 * can be disabled or re-weighted from `wellArchitected.suggestions` by their id.
 *
 * @public
 */
export interface WellArchitectedSuggestionsExtensionPoint {
  addRules(...rules: SuggestionRule[]): void;
}

/**
 * The extension point of {@link WellArchitectedSuggestionsExtensionPoint}.
 *
 * @public
 */
export const wellArchitectedSuggestionsExtensionPoint =
  createExtensionPoint<WellArchitectedSuggestionsExtensionPoint>({
    id: 'well-architected.suggestions',
  });
