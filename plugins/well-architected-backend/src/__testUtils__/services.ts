import { mockServices } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Dataset } from '../dataset/types';
import { RoleLinkStore, StoredRoleLink } from '../database/RoleLinkStore';
import { RoleCatalog } from '../services/RoleCatalog';
import { RoleLinkService } from '../services/RoleLinkService';
import { defaultVocabulary } from '../services/signals/vocabulary';
import { defaultSuggestionRules } from '../services/suggestions/defaultRules';
import { ReviewerService } from '../services/suggestions/ReviewerService';
import { SuggestionCache } from '../services/suggestions/SuggestionCache';
import { SuggestionEngine } from '../services/suggestions/SuggestionEngine';
import { exampleEntities } from './exampleEntities';
import { memoryCache } from './memoryCache';
import { inMemoryRoleStore } from './testDataset';

/** A RoleLinkStore over an array, for tests above the database layer. */
export function inMemoryRoleLinkStore(
  links: StoredRoleLink[] = [],
): RoleLinkStore {
  const same = (a: StoredRoleLink, b: { roleId: string; groupRef: string }) =>
    a.roleId === b.roleId && a.groupRef === b.groupRef;
  return {
    async listLinks(filter = {}) {
      return links.filter(
        l =>
          (!filter.roleIds || filter.roleIds.includes(l.roleId)) &&
          (!filter.groupRefs || filter.groupRefs.includes(l.groupRef)),
      );
    },
    async stamp() {
      const newest = Math.max(0, ...links.map(l => l.createdAt.getTime()));
      return `${links.length} ${newest}`;
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
      return { link: stored, created: true };
    },
    async removeLink(link) {
      const index = links.findIndex(l => same(l, link));
      if (index >= 0) {
        links.splice(index, 1);
      }
      return index >= 0;
    },
  };
}

/** The plugin's services over a dataset, a catalog and portal links held in memory. */
export function testServices(options: {
  dataset?: Dataset;
  catalog?: CatalogService;
  links?: StoredRoleLink[];
}) {
  const catalog =
    options.catalog ?? catalogServiceMock({ entities: exampleEntities });
  const logger = mockServices.logger.mock();
  const roleCatalog = new RoleCatalog(inMemoryRoleStore(options.dataset));
  const store = inMemoryRoleLinkStore(options.links);
  const roleLinks = new RoleLinkService({
    store,
    catalog,
    roleCatalog,
    logger,
  });
  const suggestionEngine = new SuggestionEngine({
    catalog,
    roleCatalog,
    rules: defaultSuggestionRules,
    vocabulary: defaultVocabulary,
    reviewers: new ReviewerService(roleLinks),
    logger,
  });
  const suggestions = new SuggestionCache({
    engine: suggestionEngine,
    cache: memoryCache(),
    roleCatalog,
    links: store,
  });
  return { logger, roleCatalog, roleLinks, suggestionEngine, suggestions };
}
