import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  SuggestionRule,
  roleLinkPermissionResourceRef,
  roleLinkPermissionRules,
  wellArchitectedSuggestionsExtensionPoint,
} from 'backstage-plugin-well-architected-node';
import {
  evaluationRefreshPermission,
  roleLinkCreatePermission,
  roleLinkDeletePermission,
  ruleFeedbackReadPermission,
  suggestionDecidePermission,
} from 'backstage-plugin-well-architected-common';
import { registerActions } from './actions';
import { DatabaseDecisionStore } from './database/DatabaseDecisionStore';
import { DatabaseCoverageHistoryStore } from './database/DatabaseCoverageHistoryStore';
import { DatabaseEvaluationStore } from './database/DatabaseEvaluationStore';
import { DatabaseRoleLinkStore } from './database/DatabaseRoleLinkStore';
import { DatabaseRoleStore } from './database/DatabaseRoleStore';
import { createRouter } from './router';
import {
  boundedCatalog,
  readCatalogTimeout,
  requestCatalog,
} from './services/boundedCatalog';
import { wellArchitectedCatalogReadsServiceRef } from './services/catalogReads';
import { DatasetLoader } from './services/DatasetLoader';
import { EvaluationRefresh } from './services/EvaluationRefresh';
import { CatalogEvaluator } from './services/evaluation/CatalogEvaluator';
import { scheduleEvaluation } from './services/evaluation/evaluationSchedule';
import {
  readEvaluationSettings,
  ruleConfigHash,
} from './services/evaluation/evaluationConfig';
import { RoleDataset } from './services/RoleDataset';
import { RoleLinkChanges } from './services/RoleLinkChanges';
import { RoleLinkPermissions } from './services/RoleLinkPermissions';
import { RoleLinkService } from './services/RoleLinkService';
import { configureRules } from './services/suggestions/configureRules';
import { defaultSuggestionRules } from './services/suggestions/defaultRules';
import { configureVocabulary } from './services/signals/configureVocabulary';
import {
  ReviewerService,
  readReviewerOptions,
} from './services/suggestions/ReviewerService';
import { SuggestionEngine } from './services/suggestions/SuggestionEngine';
import { CoverageGaps } from './services/CoverageGaps';
import {
  CoverageHistory,
  readHistoryRetentionDays,
} from './services/CoverageHistory';
import { heldLinks } from './services/evaluationReads';
import { CoverageService } from './services/CoverageService';
import { CoverageRollUpService } from './services/CoverageRollUpService';
import {
  GapNotifications,
  readGapNotificationSettings,
} from './services/GapNotifications';
import { SuggestionService } from './services/suggestions/SuggestionService';
import { SuggestionDecisions } from './services/SuggestionDecisions';
import { RuleFeedback, runningRules } from './services/RuleFeedback';

/**
 * The Well-Architected backend plugin: serves the role dataset and suggested roles under
 * `/api/well-architected`.
 *
 * @public
 */
export const wellArchitectedPlugin = createBackendPlugin({
  pluginId: 'well-architected',
  register(env) {
    const moduleRules: SuggestionRule[] = [];
    env.registerExtensionPoint(wellArchitectedSuggestionsExtensionPoint, {
      addRules(...rules) {
        moduleRules.push(...rules);
      },
    });

    env.registerInit({
      deps: {
        actionsRegistry: actionsRegistryServiceRef,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: wellArchitectedCatalogReadsServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
      },
      async init({
        actionsRegistry,
        auditor,
        auth,
        catalog,
        config,
        database,
        httpAuth,
        httpRouter,
        lifecycle,
        logger,
        notifications,
        permissions,
        permissionsRegistry,
        scheduler,
      }) {
        // What the plugin adds to a start (migrations, dataset load, checks) is logged, so that
        // operators and the benchmark see it.
        const startedAt = performance.now();
        const store = await DatabaseRoleStore.create({ database });
        await new DatasetLoader({ store, logger }).load();
        const roleDataset = new RoleDataset(store);
        const dataset = await roleDataset.current();
        const rules = configureRules({
          config,
          rules: [...defaultSuggestionRules, ...moduleRules],
          hasRole: roleId => dataset.hasRole(roleId),
        });
        logger.info(
          `Suggesting roles with ${rules.length} rules: ${rules
            .map(r => r.id)
            .join(', ')}`,
        );
        const evaluation = readEvaluationSettings(config);
        // The evaluation reads with the plugin's own credentials and handles a failing catalog
        // itself; requests read with the caller's, and a failure answers 503.
        const boundedReads = boundedCatalog(
          catalog,
          readCatalogTimeout(config),
        );
        const catalogReads = requestCatalog(boundedReads, logger);
        const linkStore = await DatabaseRoleLinkStore.create({ database });
        const roleLinks = new RoleLinkService({
          store: linkStore,
          catalog: catalogReads,
          roleDataset,
          logger,
        });
        await roleLinks.reportRetiredLinks();
        // Link permissions are decided per link: a policy can allow them for the Groups a user
        // belongs to, or for some roles or pillars. The permission backend loads the link named by
        // a resource ref through getResources to apply a conditional decision.
        permissionsRegistry.addResourceType({
          resourceRef: roleLinkPermissionResourceRef,
          permissions: [roleLinkCreatePermission, roleLinkDeletePermission],
          rules: Object.values(roleLinkPermissionRules),
          getResources: async resourceRefs =>
            roleLinks.resources(
              resourceRefs,
              await auth.getOwnServiceCredentials(),
            ),
        });
        const linkChanges = new RoleLinkChanges({
          auditor,
          roleLinks,
          linkPermissions: new RoleLinkPermissions(permissions),
          allowServicePrincipals:
            config.getOptionalBoolean(
              'wellArchitected.roleLinks.allowServicePrincipals',
            ) ?? false,
        });
        const vocabulary = configureVocabulary(config);
        const evaluationStore = await DatabaseEvaluationStore.create({
          database,
        });
        const evaluator = new CatalogEvaluator({
          catalog: boundedReads,
          requestCatalog: catalogReads,
          auth,
          store: evaluationStore,
          roleDataset,
          engine: new SuggestionEngine({ rules, vocabulary }),
          ruleConfigHash: ruleConfigHash({ config, rules, vocabulary }),
          logger,
          pageSize: evaluation.pageSize,
        });
        const decisionStore = await DatabaseDecisionStore.create({ database });
        // Suggestions and coverage answer from the same stored evaluation, links and decisions.
        const evaluationReads = {
          store: evaluationStore,
          evaluator,
          links: heldLinks(linkStore),
          decisions: decisionStore,
          roleDataset,
          reviewers: new ReviewerService(readReviewerOptions(config)),
          catalog: catalogReads,
          permissions,
        };
        const suggestions = new SuggestionService(evaluationReads);
        const coverage = new CoverageService(evaluationReads);
        const rollUps = new CoverageRollUpService({
          coverage,
          catalog: catalogReads,
        });
        // Each round of the schedule tells owners about the gaps it opened, when config says so.
        await scheduleEvaluation({
          scheduler,
          evaluator: new GapNotifications({
            settings: readGapNotificationSettings(config),
            evaluator,
            coverage,
            roleDataset,
            notifications,
            auth,
            logger,
          }),
          settings: evaluation,
          logger,
          lifecycle,
        });
        // Decisions and refreshes are about catalog entities: the policy decides with the
        // catalog's conditions (the entity's owners, its kind…), which the catalog backend
        // resolves.
        permissionsRegistry.addPermissions([
          suggestionDecidePermission,
          evaluationRefreshPermission,
          ruleFeedbackReadPermission,
        ]);
        const decisions = new SuggestionDecisions({
          auditor,
          permissions,
          store: decisionStore,
          suggestions,
          roleLinks,
        });
        const coverageHistory = new CoverageHistory({
          store: await DatabaseCoverageHistoryStore.create({ database }),
          evaluations: evaluationStore,
          coverage: rollUps,
          auth,
          catalog: catalogReads,
          logger,
          retentionDays: readHistoryRetentionDays(config),
        });
        // Hourly, so that a day whose first run fails (or falls before the first evaluation round)
        // is still counted; the day's key keeps one snapshot a day whichever replica runs it.
        await scheduler.scheduleTask({
          id: 'well-architected-coverage-snapshot',
          frequency: { hours: 1 },
          timeout: { minutes: 15 },
          initialDelay: { minutes: 1 },
          fn: () => coverageHistory.takeSnapshot(),
        });
        httpRouter.use(
          await createRouter({
            httpAuth,
            logger,
            linkChanges,
            roleDataset,
            roleLinks,
            suggestions,
            coverage,
            rollUps,
            decisions,
            coverageHistory,
            evaluationRefresh: new EvaluationRefresh({
              auditor,
              permissions,
              catalog: catalogReads,
              evaluator,
              suggestions,
            }),
            ruleFeedback: new RuleFeedback({
              rules: runningRules({
                rules,
                defaultRules: defaultSuggestionRules,
                moduleRules,
              }),
              permissions,
              evaluations: evaluationStore,
              decisions: decisionStore,
              catalog: catalogReads,
            }),
          }),
        );
        registerActions({
          actionsRegistry,
          roleDataset,
          suggestions,
          coverageGaps: new CoverageGaps({ coverage, catalog: catalogReads }),
          linkChanges,
        });
        logger.info(
          `Started in ${Math.round(performance.now() - startedAt)} ms`,
        );
      },
    });
  },
});
