import {
  PillarId,
  ReviewerMember,
} from 'backstage-plugin-well-architected-common';
import { SignalSource } from 'backstage-plugin-well-architected-node';

/**
 * One piece of evidence for a role, as a rule found it, with what a request needs to weigh it again
 * once the reasons naming entities the caller may not read are left out.
 */
export interface EvaluatedReason {
  ruleId: string;
  signal: string;
  message: string;
  entityRefs: string[];
  source: SignalSource;
  /** The weight of the rule. */
  weight: number;
  /** The pillars the rule says the role serves for this evidence. */
  pillarIds: PillarId[];
}

/** A role the rules suggest for an entity, with every reason found for it, strongest first. */
export interface EvaluatedRole {
  roleId: string;
  reasons: EvaluatedReason[];
}

/**
 * What the rules made of one System or Component, without reviewers: the organisation and the
 * portal links are merged in when it is asked for, and what the caller may read is checked then.
 */
export interface EntityEvaluation {
  entityRef: string;
  /** `metadata.title` of the entity, for coverage to show and search. */
  title?: string;
  /**
   * The lifecycles of the entity and its parts (a System has none of its own), sorted, for
   * coverage to filter by.
   */
  lifecycles?: string[];
  /**
   * The value of the entity's own criticality label (`tier: tier-1`), lower case, for coverage to
   * filter by; the label keys are those the signal vocabulary reads criticality from.
   */
  tier?: string;
  /** Lower-case ref of the owner, as the entity's `ownedBy` relation names it. */
  ownerRef?: string;
  /** Lower-case ref of the Domain of the entity or of its System. */
  domainRef?: string;
  roles: EvaluatedRole[];
  /** The entities the rules looked at: the entity itself, its parts and what they depend on. */
  inspectedEntityRefs: string[];
  ruleIds: string[];
}

/** A Group as reviewer ranking needs it. Refs are lower case. */
export interface OrganisationGroup {
  displayName: string;
  parentRefs: string[];
  childRefs: string[];
  /** Every member, by display name. */
  members: ReviewerMember[];
  /** The roles its `well-architected/roles` annotation declares. */
  roleIds: string[];
}

/** What a Group owns in a Domain: the Domain itself or one of its Systems. */
export interface DomainOwnership {
  groupRef: string;
  /** The Domain or the System it owns there. */
  ownedRef: string;
}

/** The Groups of the catalog, their hierarchy, members and declared roles, and who owns what in each Domain. */
export interface Organisation {
  groups: Record<string, OrganisationGroup>;
  /** By Domain ref: the owner of the Domain first, then the owners of its Systems. */
  domainOwners: Record<string, DomainOwnership[]>;
}
