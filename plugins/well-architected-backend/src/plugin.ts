import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { DatabaseRoleStore } from './database/DatabaseRoleStore';
import { createRouter } from './router';
import { DatasetLoader } from './services/DatasetLoader';
import { RoleCatalog } from './services/RoleCatalog';

/**
 * The Well-Architected backend plugin: serves the role catalogue under `/api/well-architected`.
 *
 * @public
 */
export const wellArchitectedPlugin = createBackendPlugin({
  pluginId: 'well-architected',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
      },
      async init({ database, httpAuth, httpRouter, logger }) {
        const store = await DatabaseRoleStore.create({ database });
        await new DatasetLoader({ store, logger }).load();
        httpRouter.use(
          await createRouter({ httpAuth, roleCatalog: new RoleCatalog(store) }),
        );
      },
    });
  },
});
