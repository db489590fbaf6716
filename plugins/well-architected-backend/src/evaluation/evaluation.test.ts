import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  bundledDataset,
  inMemoryRoleStore,
} from '../__testUtils__/testDataset';
import { RoleCatalog } from '../services/RoleCatalog';
import { defaultSuggestionRules } from '../services/suggestions/defaultRules';
import { SuggestionEngine } from '../services/suggestions/SuggestionEngine';
import { defaultVocabulary } from '../services/signals/vocabulary';
import { withCatalogRelations } from './catalogRelations';
import {
  EntityScore,
  EvaluationCatalog,
  formatReport,
  readEvaluationSet,
  scoreEntity,
  totals,
} from './evaluationSet';

/** Set by `make eval`: print the table of every entity and catalog. */
const REPORT = Boolean(process.env.WELL_ARCHITECTED_EVAL_REPORT);

async function suggestAll(
  catalog: EvaluationCatalog,
  roleCatalog: RoleCatalog,
): Promise<EntityScore[]> {
  const engine = new SuggestionEngine({
    catalog: catalogServiceMock({
      entities: withCatalogRelations(catalog.entities),
    }),
    roleCatalog,
    rules: defaultSuggestionRules,
    vocabulary: defaultVocabulary,
    // Reviewers are people; the evaluation is about roles.
    reviewers: {
      suggestReviewers: async () => ({ reviewers: new Map() }),
    },
    logger: mockServices.logger.mock(),
  });
  const scores: EntityScore[] = [];
  for (const [ref, label] of catalog.labels) {
    const result = await engine.suggest(
      parseEntityRef(ref),
      mockCredentials.user(),
    );
    scores.push(
      scoreEntity(
        ref,
        result.suggestions.map(s => s.roleId),
        label,
      ),
    );
  }
  return scores;
}

describe('the evaluation set', () => {
  let catalogs: EvaluationCatalog[];
  let roleCatalog: RoleCatalog;

  beforeAll(async () => {
    catalogs = await readEvaluationSet();
    roleCatalog = new RoleCatalog(inMemoryRoleStore(await bundledDataset()));
  });

  it('has at least 40 labelled entities from at least three catalogs', () => {
    expect(catalogs.length).toBeGreaterThanOrEqual(3);
    const labelled = catalogs.reduce((n, c) => n + c.labels.size, 0);
    expect(labelled).toBeGreaterThanOrEqual(40);
  });

  it('labels only Systems and Components that its catalogs hold, with roles the dataset has', async () => {
    const dataset = await bundledDataset();
    const known = new Set(dataset.roles.map(r => r.id));
    for (const catalog of catalogs) {
      const refs = new Set(
        catalog.entities.map(e =>
          stringifyEntityRef({
            ...e,
            metadata: { namespace: 'default', ...e.metadata },
          }),
        ),
      );
      for (const [ref, label] of catalog.labels) {
        expect({ catalog: catalog.name, ref, held: refs.has(ref) }).toEqual({
          catalog: catalog.name,
          ref,
          held: true,
        });
        const all = [...label.must, ...label.optional, ...label.noise];
        expect(all.filter(r => !known.has(r))).toEqual([]);
        // A role sits in one list only.
        expect(new Set(all).size).toBe(all.length);
      }
    }
  });

  it('finds at least 90 % of the roles a reviewer must see, and at least 90 % of what it suggests is right, in every catalog', async () => {
    const byCatalog = [];
    for (const catalog of catalogs) {
      byCatalog.push({
        name: catalog.name,
        scores: await suggestAll(catalog, roleCatalog),
      });
    }
    const report = formatReport(byCatalog);
    if (REPORT) {
      process.stdout.write(`${report}\n`);
    }
    for (const { name, scores } of byCatalog) {
      const { precision, recall } = totals(scores);
      expect({
        name,
        precision: precision >= 0.9,
        recall: recall >= 0.9,
      }).toEqual({
        name,
        precision: true,
        recall: true,
      });
    }
  });
});

describe('scoreEntity and totals', () => {
  it('counts hits, misses and wrong roles, and leaves optional roles out', () => {
    const score = scoreEntity('system:default/a', ['a', 'b', 'c'], {
      must: ['a', 'd'],
      optional: ['b'],
      noise: ['c'],
    });
    expect(score).toEqual({
      entityRef: 'system:default/a',
      suggested: ['a', 'b', 'c'],
      hits: ['a'],
      missed: ['d'],
      wrong: ['c'],
    });
    expect(totals([score])).toEqual({
      hits: 1,
      missed: 1,
      wrong: 1,
      precision: 0.5,
      recall: 0.5,
    });
  });

  it('counts nothing suggested and nothing needed as right', () => {
    expect(
      totals([
        scoreEntity('component:default/a', [], {
          must: [],
          optional: [],
          noise: [],
        }),
      ]),
    ).toMatchObject({ precision: 1, recall: 1 });
  });
});
