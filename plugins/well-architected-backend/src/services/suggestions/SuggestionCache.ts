import {
  BackstageCredentials,
  CacheService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { SuggestionsResponse } from 'backstage-plugin-well-architected-common';
import { RoleLinkStore } from '../../database/RoleLinkStore';
import { callerKey, readThrough } from '../cachedCatalog';
import { RoleCatalog } from '../RoleCatalog';
import { SuggestionEngine } from './SuggestionEngine';

/**
 * The suggestions for an entity, kept for a few seconds per caller. The key holds what the answer
 * is made of besides the catalog: the dataset version and the state of the portal links, read
 * from the database on every call. So a link made or removed on any replica shows on the next
 * request, and only catalog changes wait for the few seconds, as the catalog's own processing
 * makes them wait anyway.
 */
export class SuggestionCache {
  constructor(
    private readonly options: {
      engine: Pick<SuggestionEngine, 'suggest'>;
      cache: CacheService;
      roleCatalog: RoleCatalog;
      links: Pick<RoleLinkStore, 'stamp'>;
    },
  ) {}

  async suggest(
    entityRef: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<SuggestionsResponse> {
    const { engine, cache, roleCatalog, links } = this.options;
    const [{ version }, linkStamp] = await Promise.all([
      roleCatalog.current(),
      links.stamp(),
    ]);
    return readThrough(
      cache,
      [
        'suggestions',
        callerKey(credentials),
        stringifyEntityRef(entityRef),
        version,
        linkStamp,
      ],
      () => engine.suggest(entityRef, credentials),
    );
  }
}
