import { mockCredentials } from '@backstage/backend-test-utils';
import { parseEntityRef } from '@backstage/catalog-model';
import { SuggestionsResponse } from 'backstage-plugin-well-architected-common';
import { memoryCache } from '../../__testUtils__/memoryCache';
import {
  bundledDataset,
  inMemoryRoleStore,
} from '../../__testUtils__/testDataset';
import { RoleCatalog } from '../RoleCatalog';
import { SuggestionCache } from './SuggestionCache';

describe('SuggestionCache', () => {
  const payments = parseEntityRef('system:default/payments');
  const alice = mockCredentials.user('user:default/alice');
  const bob = mockCredentials.user('user:default/bob');

  async function setup() {
    const engine = {
      suggest: jest.fn(
        async (): Promise<SuggestionsResponse> => ({
          entityRef: 'system:default/payments',
          suggestions: [],
          gaps: [],
          uncoveredPillarIds: [],
          inspectedEntityRefs: [],
          ruleIds: [],
        }),
      ),
    };
    const links = { stamp: jest.fn(async () => '1 2026-11-29T10:00:00Z') };
    const suggestions = new SuggestionCache({
      engine,
      links,
      cache: memoryCache(),
      roleCatalog: new RoleCatalog(inMemoryRoleStore(await bundledDataset())),
    });
    return { engine, links, suggestions };
  }

  it('answers the same caller from the cache while the links stay the same', async () => {
    const { engine, suggestions } = await setup();
    const first = await suggestions.suggestJson(payments, alice);
    expect(JSON.parse(first)).toEqual(
      await engine.suggest.mock.results[0].value,
    );
    expect(await suggestions.suggestJson(payments, alice)).toEqual(first);
    expect(engine.suggest).toHaveBeenCalledTimes(1);
  });

  it('computes the answer again for another caller and after a link change', async () => {
    const { engine, links, suggestions } = await setup();
    await suggestions.suggestJson(payments, alice);
    await suggestions.suggestJson(payments, bob);
    expect(engine.suggest).toHaveBeenCalledTimes(2);

    links.stamp.mockResolvedValue('2 2026-11-29T10:00:05Z');
    await suggestions.suggestJson(payments, alice);
    expect(engine.suggest).toHaveBeenCalledTimes(3);
  });
});
