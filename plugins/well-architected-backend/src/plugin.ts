import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { DatabaseRoleStore } from './database/DatabaseRoleStore';
import { createRouter } from './router';
import { DatasetLoader } from './services/DatasetLoader';
import { RoleCatalog } from './services/RoleCatalog';
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
    env.registerInit({
      deps: {
        catalog: catalogServiceRef,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
      },
      async init({ catalog, database, httpAuth, httpRouter, logger }) {
        const store = await DatabaseRoleStore.create({ database });
        await new DatasetLoader({ store, logger }).load();
        const roleCatalog = new RoleCatalog(store);
        const suggestionEngine = new SuggestionEngine({
          catalog,
          roleCatalog,
          rules: defaultSuggestionRules,
          logger,
        });
        await suggestionEngine.validateRules();
        httpRouter.use(
          await createRouter({ httpAuth, roleCatalog, suggestionEngine }),
        );
      },
    });
  },
});
