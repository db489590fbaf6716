import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  GroupMembersResponse,
  PILLAR_IDS,
  Suggestion,
  SuggestionsResponse,
} from 'backstage-plugin-well-architected-common';
import {
  StoredEvaluation,
  StoredOrganisation,
} from '../../database/EvaluationStore';
import { StoredRoleLink } from '../../database/RoleLinkStore';
import { readsWholeCatalog, visibilityOf } from '../catalogVisibility';
import { isSuggestible } from '../evaluation/CatalogEvaluator';
import { EvaluatedRole, Organisation } from '../evaluation/model';
import { RoleDatasetSnapshot } from '../RoleDataset';
import { normalizeRef } from '../RoleLinkService';
import { isUserRef, toWireDecision } from '../SuggestionDecisions';
import { confidenceOf } from './confidence';
import { Holder } from './ReviewerService';
import { EvaluationReads } from '../evaluationReads';

/** Refuses, before anything is read, an entity that is not a System or a Component. */
export function requireSuggestible(entityRef: CompoundEntityRef): void {
  if (!isSuggestible(entityRef)) {
    throw new InputError(
      `Suggestions are made for System and Component entities, not for '${entityRef.kind}'`,
    );
  }
}

/** The answer about an entity the catalog does not have, or that the caller may not read. */
export const entityNotFound = (entityRef: string) =>
  new NotFoundError(
    `No entity '${entityRef}' in the catalog, or you may not see it`,
  );

/**
 * The suggestions of a role as the caller may see them: reasons that name an entity the caller
 * cannot read are left out, and the score, confidence and pillars are those of the reasons left.
 */
export function toSuggestion(
  role: EvaluatedRole,
  roleDataset: RoleDatasetSnapshot,
  visible: (ref: string) => boolean,
): Omit<Suggestion, 'reviewers'> | undefined {
  const reasons = role.reasons.filter(r => r.entityRefs.every(visible));
  if (reasons.length === 0) {
    return undefined;
  }
  const weights = new Map(reasons.map(r => [r.ruleId, r.weight]));
  return {
    roleId: role.roleId,
    roleTitle: roleDataset.roleTitle(role.roleId),
    pillarIds: PILLAR_IDS.filter(p =>
      reasons.some(r => r.pillarIds.includes(p)),
    ),
    score: [...weights.values()].reduce((sum, w) => sum + w, 0),
    confidence: confidenceOf(reasons),
    reasons: reasons.map(({ ruleId, signal, message, entityRefs }) => ({
      ruleId,
      signal,
      message,
      entityRefs,
    })),
  };
}

/**
 * Answers `GET /suggestions` from the stored evaluation: reads it (or evaluates the entity now
 * when no round has yet), merges the portal links as they are now, learns which of the entities
 * the answer would name the caller may read (from the policy when it lets the caller read the
 * whole catalog, otherwise in one catalog request with the caller's credentials), and leaves the
 * others out. Answers `GET /groups/:groupRef/members` the same way, from the
 * organisation of the evaluation.
 */
export class SuggestionService {
  private organisation?: StoredOrganisation;
  private holders?: {
    organisation: Organisation;
    links: StoredRoleLink[];
    byRole: Map<string, Holder[]>;
  };

  constructor(private readonly options: EvaluationReads) {}

  async suggest(
    entityRef: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<SuggestionsResponse> {
    requireSuggestible(entityRef);
    const ref = stringifyEntityRef(entityRef);
    // The policy's answer on reading the whole catalog is asked beside the database reads.
    const [evaluation, { value: links }, roleDataset, decisions, wholeCatalog] =
      await Promise.all([
        this.evaluation(normalizeRef(ref)),
        this.options.links.current(),
        this.options.roleDataset.current(),
        this.options.decisions.listDecisions({
          entityRefs: [normalizeRef(ref)],
          now: new Date(),
        }),
        readsWholeCatalog(this.options.permissions, credentials),
      ]);
    if (!evaluation) {
      throw entityNotFound(ref);
    }
    const { organisation } = await this.currentOrganisation(
      evaluation.organisationHash,
    );
    const { result } = evaluation;
    const { reviewers } = this.options;
    const holders = this.holdersOf(
      result.roles.map(r => r.roleId),
      organisation,
      links,
    );
    const visible = await visibilityOf(
      this.options.catalog,
      () => [
        result.entityRef,
        ...result.inspectedEntityRefs,
        ...result.roles.flatMap(r => r.reasons.flatMap(x => x.entityRefs)),
        ...reviewers.placementRefs(result, holders, organisation),
        ...reviewers.groupRefs(holders),
        ...decisions.flatMap(d => [
          ...(d.groupRef ? [d.groupRef] : []),
          ...(isUserRef(d.decidedBy) ? [d.decidedBy] : []),
        ]),
      ],
      credentials,
      wholeCatalog,
    );
    if (!visible(result.entityRef)) {
      throw entityNotFound(ref);
    }

    const byRole = reviewers.reviewersOf(
      holders,
      result,
      organisation,
      visible,
    );
    const decided = new Map(decisions.map(d => [d.roleId, d]));
    const suggestions = result.roles
      .flatMap((role): Suggestion[] => {
        const suggestion = toSuggestion(role, roleDataset, visible);
        const decision = decided.get(role.roleId);
        return suggestion
          ? [
              {
                ...suggestion,
                reviewers: byRole.get(role.roleId) ?? [],
                ...(decision && {
                  decision: toWireDecision(decision, visible),
                }),
              },
            ]
          : [];
      })
      .sort((a, b) => b.score - a.score || a.roleId.localeCompare(b.roleId));
    return {
      entityRef: ref,
      ownerRef:
        result.ownerRef && visible(result.ownerRef)
          ? result.ownerRef
          : undefined,
      suggestions,
      gaps: PILLAR_IDS.map(pillarId => ({
        pillarId,
        roleIds: suggestions
          .filter(
            s =>
              s.reviewers.length === 0 &&
              !s.decision &&
              s.pillarIds.includes(pillarId),
          )
          .map(s => s.roleId)
          .sort(),
      })).filter(gap => gap.roleIds.length > 0),
      uncoveredPillarIds: PILLAR_IDS.filter(
        pillarId => !suggestions.some(s => s.pillarIds.includes(pillarId)),
      ),
      inspectedEntityRefs: result.inspectedEntityRefs.filter(visible),
      ruleIds: result.ruleIds,
      evaluatedAt: evaluation.evaluatedAt.toISOString(),
    };
  }

  /**
   * The members of a Group that the caller may read, from the organisation of the last round; a
   * Group the organisation does not have, or that the caller may not read, is not found.
   * `groupRef` is a full, lower-case Group ref.
   */
  async members(
    groupRef: string,
    credentials: BackstageCredentials,
  ): Promise<GroupMembersResponse> {
    const [organisationHash, wholeCatalog] = await Promise.all([
      this.options.store.readOrganisationHash(),
      readsWholeCatalog(this.options.permissions, credentials),
    ]);
    const { organisation } = await this.currentOrganisation(organisationHash);
    const group = organisation.groups[groupRef];
    const visible =
      group &&
      (await visibilityOf(
        this.options.catalog,
        () => [
          groupRef,
          ...this.options.reviewers.memberRefs(organisation, groupRef),
        ],
        credentials,
        wholeCatalog,
      ));
    if (!visible || !visible(groupRef)) {
      throw new NotFoundError(
        `No Group '${groupRef}' in the catalog, or you may not see it`,
      );
    }
    return {
      groupRef,
      ...this.options.reviewers.membersOf(organisation, groupRef, visible),
    };
  }

  private async evaluation(
    entityRef: string,
  ): Promise<StoredEvaluation | undefined> {
    return (
      (await this.options.store.readEvaluation(entityRef)) ??
      (await this.options.evaluator.evaluateEntity(entityRef))
    );
  }

  /**
   * The Groups that hold each of `roleIds`, from the holders of every role, worked out once for
   * each organisation and links held: a first view of any System reads them, unchanged.
   */
  private holdersOf(
    roleIds: string[],
    organisation: Organisation,
    links: StoredRoleLink[],
  ): Map<string, Holder[]> {
    if (
      this.holders?.organisation !== organisation ||
      this.holders.links !== links
    ) {
      const everyRole = [
        ...Object.values(organisation.groups).flatMap(g => g.roleIds),
        ...links.map(l => l.roleId),
      ];
      this.holders = {
        organisation,
        links,
        byRole: this.options.reviewers.holdersOf(
          [...new Set(everyRole)],
          organisation,
          links,
        ),
      };
    }
    const { byRole } = this.holders;
    return new Map(roleIds.map(id => [id, byRole.get(id) ?? []]));
  }

  /** The organisation of the last round, read again only when the stored one changed. */
  private async currentOrganisation(hash: string | undefined) {
    if (!this.organisation || this.organisation.hash !== hash) {
      this.organisation = await this.options.evaluator.organisation();
    }
    return this.organisation;
  }
}
