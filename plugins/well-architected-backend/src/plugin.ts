import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  SuggestionRule,
  wellArchitectedSuggestionsExtensionPoint,
} from 'backstage-plugin-well-architected-node';
import { DatabaseRoleStore } from './database/DatabaseRoleStore';
import { createRouter } from './router';
import { DatasetLoader } from './services/DatasetLoader';
import { RoleCatalog } from './services/RoleCatalog';
import { configureRules } from './services/suggestions/configureRules';
import { defaultSuggestionRules } from './services/suggestions/defaultRules';
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
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
      },
      async init({ catalog, config, database, httpAuth, httpRouter, logger }) {
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
        const suggestionEngine = new SuggestionEngine({
          catalog,
          roleCatalog,
          rules,
          logger,
        });
        httpRouter.use(
          await createRouter({ httpAuth, roleCatalog, suggestionEngine }),
        );
      },
    });
  },
});
