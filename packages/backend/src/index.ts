import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
// Everyone reads; a user links and unlinks Well-Architected roles for the Groups they belong to.
backend.add(import('./permissionPolicy'));

backend.add(import('backstage-plugin-well-architected-backend'));

// The notifications page's backend, where the plugin tells owners about new gaps
// (wellArchitected.notifications.newGaps), and signals, which push them to open pages.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// The actions of the plugins named in backend.actions.pluginSources, as MCP tools for AI agents.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
