import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  SuggestionRule,
  wellArchitectedSuggestionsExtensionPoint,
} from 'backstage-plugin-well-architected-node';
import { wellArchitectedPermissions } from 'backstage-plugin-well-architected-common';
import { DatabaseRoleLinkStore } from './database/DatabaseRoleLinkStore';
import { DatabaseRoleStore } from './database/DatabaseRoleStore';
import { createRouter } from './router';
import { boundedCatalog, readCatalogTimeout } from './services/boundedCatalog';
import { cachedCatalog } from './services/cachedCatalog';
import { DatasetLoader } from './services/DatasetLoader';
import { RoleCatalog } from './services/RoleCatalog';
import { RoleLinkService } from './services/RoleLinkService';
import { configureRules } from './services/suggestions/configureRules';
import { defaultSuggestionRules } from './services/suggestions/defaultRules';
import { configureVocabulary } from './services/signals/configureVocabulary';
import { ReviewerService } from './services/suggestions/ReviewerService';
import { SuggestionCache } from './services/suggestions/SuggestionCache';
import { SuggestionEngine } from './services/suggestions/SuggestionEngine';

/**
 * The Well-Architected backend plugin: serves the role catalogue and suggested roles under
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
        auditor: coreServices.auditor,
        cache: coreServices.cache,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        auditor,
        cache,
        catalog,
        config,
        database,
        httpAuth,
        httpRouter,
        logger,
        permissions,
        permissionsRegistry,
      }) {
        // What the plugin adds to a start (migrations, dataset load, checks) is logged, so that
        // operators and the benchmark see it.
        const startedAt = performance.now();
        permissionsRegistry.addPermissions(wellArchitectedPermissions);
        const store = await DatabaseRoleStore.create({ database });
        await new DatasetLoader({ store, logger }).load();
        const roleCatalog = new RoleCatalog(store);
        const dataset = await roleCatalog.current();
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
        const catalogReads = boundedCatalog(
          catalog,
          readCatalogTimeout(config),
        );
        const linkStore = await DatabaseRoleLinkStore.create({ database });
        const roleLinks = new RoleLinkService({
          store: linkStore,
          catalog: catalogReads,
          roleCatalog,
          logger,
        });
        await roleLinks.reportRetiredLinks();
        // Suggestions show on every System and Component page and read the same Groups, members
        // and neighbours each time, so their catalog reads are reused for a few seconds per
        // caller. The link endpoints read the catalog live, and links always come from the
        // database.
        const suggestionReads = cachedCatalog(catalogReads, cache);
        const suggestionEngine = new SuggestionEngine({
          catalog: suggestionReads,
          roleCatalog,
          rules,
          vocabulary: configureVocabulary(config),
          reviewers: new ReviewerService(
            new RoleLinkService({
              store: linkStore,
              catalog: suggestionReads,
              roleCatalog,
              logger,
            }),
          ),
          logger,
        });
        // Each System and Component page asks for its suggestions; the answer is kept for a few
        // seconds per caller, and links made in the meantime still show at once.
        const suggestions = new SuggestionCache({
          engine: suggestionEngine,
          cache,
          roleCatalog,
          links: linkStore,
        });
        httpRouter.use(
          await createRouter({
            auditor,
            httpAuth,
            logger,
            permissions,
            roleCatalog,
            roleLinks,
            suggestions,
          }),
        );
        logger.info(
          `Started in ${Math.round(performance.now() - startedAt)} ms`,
        );
      },
    });
  },
});
