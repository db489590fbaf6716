import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  SuggestionRule,
  roleLinkPermissionResourceRef,
  roleLinkPermissionRules,
  wellArchitectedSuggestionsExtensionPoint,
} from 'backstage-plugin-well-architected-node';
import { wellArchitectedPermissions } from 'backstage-plugin-well-architected-common';
import { registerActions } from './actions';
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
import { DatasetLoader } from './services/DatasetLoader';
import { CatalogEvaluator } from './services/evaluation/CatalogEvaluator';
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
  readMaxMembersPerGroup,
} from './services/suggestions/ReviewerService';
import { SuggestionEngine } from './services/suggestions/SuggestionEngine';
import {
  CoverageHistory,
  readHistoryRetentionDays,
} from './services/CoverageHistory';
import { CoverageService } from './services/CoverageService';
import { SuggestionService } from './services/suggestions/SuggestionService';

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
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
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
        logger,
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
          permissions: wellArchitectedPermissions,
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
        // Each shard is a task of its own: the scheduler runs it on one replica at a time, and
        // the replica whose poll comes first after it is due takes it. The shards start spread
        // over the interval, so replicas share them, and a round's load is spread as well.
        for (let shard = 0; shard < evaluation.shards; shard++) {
          await scheduler.scheduleTask({
            id: `well-architected-evaluation-${shard + 1}-of-${
              evaluation.shards
            }`,
            ...evaluation.schedule,
            initialDelay: evaluation.initialDelayOf(shard),
            fn: async () => {
              await evaluator.runRound({ shard, shards: evaluation.shards });
            },
          });
        }
        // Suggestions and coverage answer from the same stored evaluation and links.
        const evaluationReads = {
          store: evaluationStore,
          evaluator,
          links: linkStore,
          roleDataset,
          reviewers: new ReviewerService({
            maxMembersPerGroup: readMaxMembersPerGroup(config),
          }),
          catalog: catalogReads,
        };
        const suggestions = new SuggestionService(evaluationReads);
        const coverage = new CoverageService(evaluationReads);
        const coverageHistory = new CoverageHistory({
          store: await DatabaseCoverageHistoryStore.create({ database }),
          evaluations: evaluationStore,
          coverage,
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
            coverageHistory,
          }),
        );
        registerActions({
          actionsRegistry,
          roleDataset,
          suggestions,
          linkChanges,
        });
        logger.info(
          `Started in ${Math.round(performance.now() - startedAt)} ms`,
        );
      },
    });
  },
});
