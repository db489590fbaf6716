import { PermissionsService } from '@backstage/backend-plugin-api';
import { DecisionStore } from '../database/DecisionStore';
import { EvaluationStore } from '../database/EvaluationStore';
import { RoleLinkStore, StoredRoleLink } from '../database/RoleLinkStore';
import { CatalogReads } from './boundedCatalog';
import { HeldByRevision } from './HeldByRevision';
import { CatalogEvaluator } from './evaluation/CatalogEvaluator';
import { RoleDataset } from './RoleDataset';
import { ReviewerService } from './suggestions/ReviewerService';

/**
 * What the request path reads to answer from the stored evaluation. Created once in `plugin.ts`
 * and shared by the suggestions and the coverage, so that both answer from the same evaluation,
 * links and decisions.
 */
export interface EvaluationReads {
  store: Pick<
    EvaluationStore,
    | 'readEvaluation'
    | 'readOrganisationHash'
    | 'listSystemEvaluations'
    | 'revision'
  >;
  evaluator: Pick<CatalogEvaluator, 'evaluateEntity' | 'organisation'>;
  /** The portal links, read again only when the revision every replica sees has changed. */
  links: HeldByRevision<StoredRoleLink[]>;
  decisions: Pick<DecisionStore, 'listDecisions'>;
  roleDataset: RoleDataset;
  reviewers: ReviewerService;
  catalog: CatalogReads;
  /** Whether a caller may read the whole catalog, in which case the catalog is not asked. */
  permissions: Pick<PermissionsService, 'authorizeConditional'>;
}

/** The links of `store` held by its revision, for {@link EvaluationReads}. */
export const heldLinks = (
  store: Pick<RoleLinkStore, 'revision' | 'listLinks'>,
) =>
  new HeldByRevision({
    revision: () => store.revision(),
    read: () => store.listLinks(),
  });
