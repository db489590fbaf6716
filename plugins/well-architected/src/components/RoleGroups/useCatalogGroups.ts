import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  entityPresentationApiRef,
  entityPresentationSnapshot,
} from '@backstage/plugin-catalog-react';

/** What the catalog's entity presentation reads of an entity (and the picker needs its ref). */
const GROUP_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'spec.profile.displayName',
  'spec.type',
];

/** The catalog's Groups, teams first, each by the name the app presents it with. */
export function useCatalogGroups() {
  const catalogApi = useApi(catalogApiRef);
  const presentationApi = useApiHolder().get(entityPresentationApiRef);
  return useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'group' },
      fields: GROUP_FIELDS,
    });
    return items
      .map(group => ({
        ref: stringifyEntityRef(group),
        type: String(group.spec?.type ?? 'group'),
        title: entityPresentationSnapshot(group, undefined, presentationApi)
          .primaryTitle,
      }))
      .sort(
        (a, b) =>
          Number(b.type === 'team') - Number(a.type === 'team') ||
          a.title.localeCompare(b.title, 'en'),
      );
  }, [catalogApi, presentationApi]);
}
