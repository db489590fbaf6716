import { bundledDataset } from '../__testUtils__/testDataset';
import { ROLE_SEARCH_SYNONYMS } from './searchSynonyms';

describe('role search synonyms', () => {
  it('name only roles of the bundled dataset, by lower-case whole words', async () => {
    const roleIds = new Set((await bundledDataset()).roles.map(r => r.id));
    for (const [word, ids] of Object.entries(ROLE_SEARCH_SYNONYMS)) {
      expect(word).toMatch(/^[a-z0-9-]+$/);
      expect(ids.filter(id => !roleIds.has(id))).toEqual([]);
    }
  });
});
