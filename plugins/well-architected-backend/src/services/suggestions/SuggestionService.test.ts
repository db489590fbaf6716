import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Dataset } from '../../dataset/types';
import { exampleEntities } from '../../__testUtils__/exampleEntities';
import { policyPermissions } from '../../__testUtils__/policyServices';
import { callsWith, testServices } from '../../__testUtils__/services';
import { bundledDataset } from '../../__testUtils__/testDataset';

/** Reading the catalog is conditional for `checked`; `lead`, like everyone else, reads it all. */
const lead = mockCredentials.user('user:default/lead');
const checked = mockCredentials.user('user:default/checked');
const payments = { kind: 'system', namespace: 'default', name: 'payments' };

describe('SuggestionService, for a caller who may read the whole catalog', () => {
  let dataset: Dataset;

  beforeAll(async () => {
    dataset = await bundledDataset();
  });

  it('answers from the stored evaluation without a catalog request, as the catalog-checked answer says when nothing is hidden', async () => {
    const catalog = catalogServiceMock({ entities: exampleEntities });
    const getEntitiesByRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
    const { evaluator, suggestions } = testServices({
      dataset,
      catalog,
      permissions: policyPermissions({ hidesFrom: 'user:default/checked' }),
    });
    await evaluator.runRound();

    const asLead = await suggestions.suggest(payments, lead);
    const asChecked = await suggestions.suggest(payments, checked);
    expect(callsWith(getEntitiesByRefs.mock.calls, lead)).toEqual([]);
    expect(callsWith(getEntitiesByRefs.mock.calls, checked)).toHaveLength(1);
    expect(asLead).toEqual(asChecked);
    expect(asLead.suggestions.length).toBeGreaterThan(0);
  });
});
