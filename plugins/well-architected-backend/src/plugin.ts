import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  SuggestionRule,
  roleLinkPermissionResourceRef,
  roleLinkPermissionRules,
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
import { RoleLinkPermissions } from './services/RoleLinkPermissions';
import { RoleLinkService } from './services/RoleLinkService';
import { configureRules } from './services/suggestions/configureRules';
import { defaultSuggestionRules } from './services/suggestions/defaultRules';
import { configureVocabulary } from './services/signals/configureVocabulary';
import {
  ReviewerService,
  readMaxMembersPerGroup,
} from './services/suggestions/ReviewerService';
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
        auth: coreServices.auth,
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
        auth,
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
        const linkPermissions = new RoleLinkPermissions(permissions);
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
            { maxMembersPerGroup: readMaxMembersPerGroup(config) },
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
            linkPermissions,
            allowServiceLinks:
              config.getOptionalBoolean(
                'wellArchitected.roleLinks.allowServicePrincipals',
              ) ?? false,
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
