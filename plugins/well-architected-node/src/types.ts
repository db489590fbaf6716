import { Entity } from '@backstage/catalog-model';
import { PillarId } from 'backstage-plugin-well-architected-common';

/**
 * Where a signal was read: on the entity or its own parts (`own`), on the System a Component
 * belongs to (`inherited`), or on an entity related to it, such as a Component it depends on or
 * the consumers of its APIs (`related`).
 *
 * @public
 */
export type SignalSource = 'own' | 'inherited' | 'related';

/**
 * A named fact about an entity and its neighbourhood, read from catalog data through the signal
 * vocabulary: "runs in production", "on call: PagerDuty", "stores data: PostgreSQL",
 * "public contract", "regulated: pci". Rules read signals, not raw strings.
 *
 * @public
 */
export interface Signal {
  /** The signal's name, such as `on-call` or `stores-data` (see the backend README's table). */
  id: string;
  /** What fired it, in words: `PagerDuty`, `PostgreSQL`, `pci`. */
  detail: string;
  /** One plain-text sentence for people, naming what was read. */
  message: string;
  /** The entities that carry the signal. */
  entityRefs: string[];
  source: SignalSource;
}

/**
 * What the rules see of an entity: the entity itself, the catalog data around it, read once per
 * evaluation, and the signals read from them.
 *
 * @public
 */
export interface SuggestionContext {
  /** The entity suggestions are asked for (a System or a Component). */
  entity: Entity;
  /**
   * The workloads and interfaces that make it up: for a System, its `hasPart` Components, APIs and
   * Resources and their subcomponents; for a Component, the Component and its subcomponents.
   */
  parts: Entity[];
  /** Resources the entity or its parts depend on, and Resources that are parts. */
  resources: Entity[];
  /** APIs the entity or its parts provide. */
  providedApis: Entity[];
  /** APIs the entity or its parts consume. */
  consumedApis: Entity[];
  /** The signals read from all of the above, from the System of a Component and from relations. */
  signals: Signal[];
}

/**
 * What a rule found: the signal that fired, a plain-text sentence naming the evidence, and the
 * entities it is about.
 *
 * @public
 */
export interface RuleEvidence {
  /** The id of the signal the evidence comes from, such as `on-call`; the rule id when left out. */
  signal?: string;
  message: string;
  entityRefs: string[];
  /** Where the signal was read; `own` when left out. Inherited or related evidence is weaker. */
  source?: SignalSource;
}

/**
 * A deterministic rule that suggests roles from catalog data.
 *
 * @public
 */
export interface SuggestionRule {
  /** Stable id, used in config to tune or disable the rule. */
  id: string;
  /** The roles the rule suggests, each with the pillars it serves for this signal. */
  roles: Array<{ roleId: string; pillarIds: PillarId[] }>;
  /** How much one match adds to each role's score. */
  weight: number;
  /** The evidence (one item per signal that fired), or undefined or empty when it does not apply. */
  evaluate(
    context: SuggestionContext,
  ): RuleEvidence | RuleEvidence[] | undefined;
}
