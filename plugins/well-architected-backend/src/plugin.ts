import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  SuggestionRule,
  roleLinkPermissionResourceRef,
  roleLinkPermissionRules,
  wellArchitectedSuggestionsExtensionPoint,
} from 'backstage-plugin-well-architected-node';
import { wellArchitectedPermissions } from 'backstage-plugin-well-architected-common';
import { registerActions } from './actions';
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
        catalog: wellArchitectedCatalogReadsServiceRef,
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
        await scheduleEvaluation({
          scheduler,
          evaluator,
          settings: evaluation,
          logger,
        });
        // Suggestions and coverage answer from the same stored evaluation and links.
        const evaluationReads = {
          store: evaluationStore,
          evaluator,
          links: linkStore,
          roleDataset,
          reviewers: new ReviewerService(readReviewerOptions(config)),
          catalog: catalogReads,
        };
        const suggestions = new SuggestionService(evaluationReads);
        const coverage = new CoverageService(evaluationReads);
        httpRouter.use(
          await createRouter({
            httpAuth,
            logger,
            linkChanges,
            roleDataset,
            roleLinks,
            suggestions,
            coverage,
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
