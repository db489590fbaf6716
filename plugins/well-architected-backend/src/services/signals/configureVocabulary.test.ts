import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { configureVocabulary } from './configureVocabulary';
import { defaultVocabulary } from './vocabulary';

const configure = (vocabulary: JsonObject) =>
  configureVocabulary(
    new ConfigReader({ wellArchitected: { suggestions: { vocabulary } } }),
  );

describe('configureVocabulary', () => {
  it('is the default vocabulary without config', () => {
    expect(configureVocabulary(new ConfigReader({}))).toEqual(
      defaultVocabulary,
    );
  });

  it('adds spellings from config and keeps the defaults', () => {
    const vocabulary = configure({
      annotations: [
        { key: 'acme.com/rota', signal: 'on-call', tool: 'Acme Rota' },
      ],
      tags: { 'public-contract': ['Open-To-Partners'] },
      tagListAnnotations: ['Frameworks'],
      labels: [
        { key: 'acme/tier', values: ['gold'], signal: 'business-critical' },
      ],
      componentTypes: { job: ['airflow-dag'] },
      resourceTypes: { database: { TiDB: 'TiDB' } },
      lifecycles: { production: ['live-eu'] },
    });
    expect(vocabulary.annotations).toContainEqual({
      key: 'acme.com/rota',
      signal: 'on-call',
      tool: 'Acme Rota',
    });
    expect(vocabulary.tags['public-contract']).toEqual([
      ...defaultVocabulary.tags['public-contract'],
      'open-to-partners',
    ]);
    expect(vocabulary.tagListAnnotations).toEqual([
      ...defaultVocabulary.tagListAnnotations,
      'frameworks',
    ]);
    expect(vocabulary.labels).toHaveLength(defaultVocabulary.labels.length + 1);
    expect(vocabulary.componentTypes.job).toContain('airflow-dag');
    expect(vocabulary.componentTypes.job).toContain('cronjob');
    expect(vocabulary.resourceTypes.database).toMatchObject({
      tidb: 'TiDB',
      postgres: 'PostgreSQL',
    });
    expect(vocabulary.lifecycles.production).toContain('live-eu');
  });

  it.each([
    [
      { annotations: [{ key: 'x', signal: 'paging', tool: 'X' }] },
      'Invalid config at wellArchitected.suggestions.vocabulary.annotations[0].signal: use one of on-call,',
    ],
    [
      { tags: { secret: ['x'] } },
      'Invalid config at wellArchitected.suggestions.vocabulary.tags.secret',
    ],
    [
      { resourceTypes: { database: { tidb: '' } } },
      'Invalid config at wellArchitected.suggestions.vocabulary.resourceTypes.database.tidb: name the product',
    ],
    [
      { lifecycle: { production: ['x'] } },
      'Invalid config at wellArchitected.suggestions.vocabulary.lifecycle: unknown key',
    ],
  ])('refuses %j, naming the key', (vocabulary, message) => {
    expect(() => configure(vocabulary)).toThrow(message);
  });
});
