import { Entity } from '@backstage/catalog-model';
import { PillarId } from 'backstage-plugin-well-architected-common';

/**
 * What the rules see of an entity: the entity itself and the catalog data around it, read once
 * per request.
 *
 * @public
 */
export interface SuggestionContext {
  /** The entity suggestions are asked for (a System or a Component). */
  entity: Entity;
  /**
   * The workloads and interfaces that make it up: for a System, its `hasPart` Components, APIs and
   * Resources; for a Component, the Component itself.
   */
  parts: Entity[];
  /** Resources the entity or its parts depend on, and Resources that are parts. */
  resources: Entity[];
  /** APIs the entity or its parts provide. */
  providedApis: Entity[];
  /** APIs the entity or its parts consume. */
  consumedApis: Entity[];
}

/**
 * What a rule found: a sentence naming the evidence and the entities it is about.
 *
 * @public
 */
export interface RuleEvidence {
  message: string;
  entityRefs: string[];
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
  /** The evidence, or undefined when the rule does not apply. */
  evaluate(context: SuggestionContext): RuleEvidence | undefined;
}
