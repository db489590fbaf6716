import {
  AuditorService,
  PermissionsService,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SuggestionRule } from 'backstage-plugin-well-architected-node';
import { Dataset } from '../dataset/types';
import {
  CoverageHistoryStore,
  CoverageSnapshot,
} from '../database/CoverageHistoryStore';
import {
  EvaluationStore,
  StoredEvaluation,
  StoredOrganisation,
} from '../database/EvaluationStore';
import { DecisionStore, StoredDecision } from '../database/DecisionStore';
import { RoleLinkStore, StoredRoleLink } from '../database/RoleLinkStore';
import { requestCatalog } from '../services/boundedCatalog';
import { wellArchitectedCatalogReadsServiceRef } from '../services/catalogReads';
import { CatalogEvaluator } from '../services/evaluation/CatalogEvaluator';
import { RoleDataset } from '../services/RoleDataset';
import { RoleLinkChanges } from '../services/RoleLinkChanges';
import { RoleLinkPermissions } from '../services/RoleLinkPermissions';
import { RoleLinkService } from '../services/RoleLinkService';
import { defaultVocabulary } from '../services/signals/vocabulary';
import { defaultSuggestionRules } from '../services/suggestions/defaultRules';
import { ReviewerService } from '../services/suggestions/ReviewerService';
import { SuggestionEngine } from '../services/suggestions/SuggestionEngine';
import { CoverageHistory } from '../services/CoverageHistory';
import { heldLinks } from '../services/evaluationReads';
import { CoverageService } from '../services/CoverageService';
import { CoverageRollUpService } from '../services/CoverageRollUpService';
import { SuggestionService } from '../services/suggestions/SuggestionService';
import { SuggestionDecisions } from '../services/SuggestionDecisions';
import { RuleFeedback } from '../services/RuleFeedback';
import { EvaluationRefresh } from '../services/EvaluationRefresh';
import { exampleEntities } from './exampleEntities';
import { EVERY_USER, policyPermissions } from './policyServices';
import { inMemoryRoleStore } from './testDataset';

/** A RoleLinkStore over an array, for tests above the database layer. */
export function inMemoryRoleLinkStore(
  links: StoredRoleLink[] = [],
): RoleLinkStore {
  const same = (a: StoredRoleLink, b: { roleId: string; groupRef: string }) =>
    a.roleId === b.roleId && a.groupRef === b.groupRef;
  let revision = 0;
  return {
    async listLinks(filter = {}) {
      return links.filter(
        l =>
          (!filter.roleIds || filter.roleIds.includes(l.roleId)) &&
          (!filter.groupRefs || filter.groupRefs.includes(l.groupRef)),
      );
    },
    async revision() {
      return String(revision);
    },
    async linkedRoleIds() {
      return [...new Set(links.map(l => l.roleId))].sort();
    },
    async addLink(link) {
      const existing = links.find(l => same(l, link));
      if (existing) {
        return { link: existing, created: false };
      }
      const stored = { ...link, createdAt: new Date() };
      links.push(stored);
      revision++;
      return { link: stored, created: true };
    },
    async removeLink(link) {
      const index = links.findIndex(l => same(l, link));
      if (index < 0) {
        return undefined;
      }
      revision++;
      return links.splice(index, 1)[0];
    },
  };
}

/** A DecisionStore over an array, for tests above the database layer. */
export function inMemoryDecisionStore(
  decisions: StoredDecision[] = [],
): DecisionStore & { decisions: StoredDecision[] } {
  const same = (a: StoredDecision, b: { entityRef: string; roleId: string }) =>
    a.entityRef === b.entityRef && a.roleId === b.roleId;
  return {
    decisions,
    async listDecisions({ entityRefs, now } = {}) {
      return decisions.filter(
        d =>
          (!entityRefs || entityRefs.includes(d.entityRef)) &&
          (!now || !d.expiresAt || d.expiresAt > now),
      );
    },
    async saveDecision(decision) {
      const stored = { ...decision, decidedAt: new Date() };
      const index = decisions.findIndex(d => same(d, decision));
      decisions.splice(index < 0 ? decisions.length : index, 1, stored);
      return stored;
    },
    async removeDecision(key) {
      const index = decisions.findIndex(d => same(d, key));
      return index < 0 ? undefined : decisions.splice(index, 1)[0];
    },
  };
}

/** The calls of a catalog mock's method that were made with `credentials`. */
export function callsWith<T extends unknown[]>(
  calls: T[],
  credentials: unknown,
): T[] {
  return calls.filter(
    call =>
      (call[1] as { credentials?: unknown } | undefined)?.credentials ===
      credentials,
  );
}

/** An EvaluationStore over maps, for tests above the database layer. */
export function inMemoryEvaluationStore(): EvaluationStore & {
  rows: Map<string, StoredEvaluation>;
} {
  const rows = new Map<string, StoredEvaluation>();
  let organisation: StoredOrganisation | undefined;
  let revision = 0;
  return {
    rows,
    async revision() {
      return String(revision);
    },
    async readEvaluation(entityRef) {
      const row = rows.get(entityRef);
      return row && { ...row, organisationHash: organisation?.hash };
    },
    async listSystemEvaluations() {
      return [...rows.values()]
        .filter(row => row.entityRef.startsWith('system:'))
        .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    },
    async listEvaluations() {
      return [...rows.values()].sort((a, b) =>
        a.entityRef.localeCompare(b.entityRef),
      );
    },
    async listInputs() {
      return new Map(
        [...rows].map(
          ([
            ref,
            { entityEtag, neighbourhoodHash, datasetVersion, ruleConfigHash },
          ]) => [
            ref,
            { entityEtag, neighbourhoodHash, datasetVersion, ruleConfigHash },
          ],
        ),
      );
    },
    async writeEvaluations(evaluations) {
      for (const e of evaluations) {
        rows.set(e.entityRef, e);
      }
      revision += 1;
    },
    async deleteEvaluations(entityRefs) {
      for (const ref of entityRefs) {
        rows.delete(ref);
      }
      revision += 1;
    },
    async readOrganisation() {
      return organisation;
    },
    async readOrganisationHash() {
      return organisation?.hash;
    },
    async writeOrganisation(o) {
      if (organisation?.hash === o.hash) {
        return false;
      }
      organisation = o;
      return true;
    },
  };
}

/** A CoverageHistoryStore over a map of days, for tests above the database layer. */
export function inMemoryCoverageHistoryStore(): CoverageHistoryStore {
  const snapshots = new Map<string, CoverageSnapshot>();
  const days = () => [...snapshots.keys()].sort();
  return {
    async hasSnapshot(day) {
      return snapshots.has(day);
    },
    async writeSnapshot(snapshot) {
      if (snapshots.has(snapshot.day)) {
        return false;
      }
      snapshots.set(snapshot.day, snapshot);
      return true;
    },
    async readHistory(scopeRef, fromDay) {
      return days()
        .filter(day => day >= fromDay)
        .map(day => ({
          day,
          totals:
            snapshots.get(day)!.rollUps.find(r => r.scopeRef === scopeRef)
              ?.totals ?? [],
        }));
    },
    async firstDay() {
      return days()[0];
    },
    async deleteBefore(day) {
      const old = days().filter(d => d < day);
      old.forEach(d => snapshots.delete(d));
      return old.length;
    },
  };
}

/** The plugin's services over a dataset, a catalog and portal links held in memory. */
export function testServices(options: {
  dataset?: Dataset;
  catalog?: CatalogService;
  links?: StoredRoleLink[];
  decisions?: StoredDecision[];
  permissions?: PermissionsService;
  auditor?: AuditorService;
  rules?: SuggestionRule[];
  maxMembersPerGroup?: number;
}) {
  const logger = mockServices.logger.mock();
  // As the plugin wires it: a failed read of a request answers 503.
  const catalog = requestCatalog(
    options.catalog ?? catalogServiceMock({ entities: exampleEntities }),
    logger,
  );
  const roleDataset = new RoleDataset(inMemoryRoleStore(options.dataset));
  const store = inMemoryRoleLinkStore(options.links);
  const roleLinks = new RoleLinkService({
    store,
    catalog,
    roleDataset,
    logger,
  });
  const evaluationStore = inMemoryEvaluationStore();
  const rules = options.rules ?? defaultSuggestionRules;
  const evaluator = new CatalogEvaluator({
    catalog,
    requestCatalog: catalog,
    auth: mockServices.auth(),
    store: evaluationStore,
    roleDataset,
    engine: new SuggestionEngine({
      rules,
      vocabulary: defaultVocabulary,
    }),
    ruleConfigHash: 'test',
    logger,
  });
  const decisionStore = inMemoryDecisionStore(options.decisions);
  // Reading the catalog is conditional for users, so that answers to them ask the catalog what
  // they may read, as under a policy that hides entities; service credentials read everything.
  const permissions =
    options.permissions ?? policyPermissions({ hidesFrom: EVERY_USER });
  const evaluationReads = {
    store: evaluationStore,
    evaluator,
    links: heldLinks(store),
    decisions: decisionStore,
    roleDataset,
    reviewers: new ReviewerService({
      maxMembersPerGroup: options.maxMembersPerGroup,
    }),
    catalog,
    permissions,
  };
  const suggestions = new SuggestionService(evaluationReads);
  const auditor = options.auditor ?? mockServices.auditor.mock();
  const coverage = new CoverageService(evaluationReads);
  const rollUps = new CoverageRollUpService({ coverage, catalog });
  const coverageHistory = new CoverageHistory({
    store: inMemoryCoverageHistoryStore(),
    evaluations: evaluationStore,
    coverage: rollUps,
    auth: mockServices.auth(),
    catalog,
    logger,
    retentionDays: 400,
  });
  return {
    logger,
    roleDataset,
    roleLinks,
    evaluationStore,
    evaluator,
    suggestions,
    linkChanges: new RoleLinkChanges({
      auditor,
      roleLinks,
      linkPermissions: new RoleLinkPermissions(permissions),
      allowServicePrincipals: false,
    }),
    coverage,
    rollUps,
    decisionStore,
    decisions: new SuggestionDecisions({
      auditor,
      permissions,
      store: decisionStore,
      suggestions,
      roleLinks,
    }),
    coverageHistory,
    evaluationRefresh: new EvaluationRefresh({
      auditor,
      permissions,
      catalog,
      evaluator,
      suggestions,
    }),
    ruleFeedback: new RuleFeedback({
      rules: rules.map(rule => ({ rule, source: 'default' })),
      permissions,
      evaluations: evaluationStore,
      decisions: decisionStore,
      catalog,
    }),
  };
}

/**
 * The plugin's catalog reads through `catalogServiceRef`, so that the catalog a test backend is
 * given (a mock, a catalog that hides entities) answers them, not a catalog over HTTP.
 */
export const catalogReadsFromCatalogService = createServiceFactory({
  service: wellArchitectedCatalogReadsServiceRef,
  deps: { catalog: catalogServiceRef },
  factory: ({ catalog }) => catalog,
});
