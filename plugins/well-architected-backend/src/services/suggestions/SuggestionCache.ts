import {
  BackstageCredentials,
  CacheService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { RoleLinkStore } from '../../database/RoleLinkStore';
import { callerKey, readThrough } from '../cachedCatalog';
import { RoleCatalog } from '../RoleCatalog';
import { SuggestionEngine } from './SuggestionEngine';

/**
 * The suggestions for an entity as a JSON body, kept for a few seconds per caller. The key holds
 * what the answer is made of besides the catalog: the dataset version and the state of the portal
 * links, read from the database on every call. So a link made or removed on any replica shows on
 * the next request, and only catalog changes wait for the few seconds, as the catalog's own
 * processing makes them wait anyway. The body is kept as text, so that a hit costs neither
 * parsing nor serializing it.
 */
export class SuggestionCache {
  constructor(
    private readonly options: {
      engine: Pick<SuggestionEngine, 'suggest'>;
      cache: CacheService;
      roleCatalog: RoleCatalog;
      links: Pick<RoleLinkStore, 'revision'>;
    },
  ) {}

  async suggestJson(
    entityRef: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const { engine, cache, roleCatalog, links } = this.options;
    const [{ version }, linksRevision] = await Promise.all([
      roleCatalog.current(),
      links.revision(),
    ]);
    return readThrough(
      cache,
      [
        'suggestions',
        callerKey(credentials),
        stringifyEntityRef(entityRef),
        version,
        linksRevision,
      ],
      async () => JSON.stringify(await engine.suggest(entityRef, credentials)),
    );
  }
}
