import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { bundledDataset } from '../__testUtils__/testDataset';
import { Dataset } from '../dataset/types';
import { testServices } from '../__testUtils__/services';
import { withCatalogRelations } from './catalogRelations';
import {
  AGREEMENT_DIR,
  EntityScore,
  EvaluationCatalog,
  SIDE_SETS,
  SecondLabels,
  confidenceTotals,
  consensusScores,
  formatReport,
  formatRoleTotals,
  formatTotals,
  readEvaluationSet,
  mustLists,
  readSecondLabels,
  readSideSet,
  roleTotals,
  scoreAgainst,
  sideSetLabels,
  scoreEntity,
  totals,
} from './evaluationSet';

/** Set by `make eval`: print the table of every entity and catalog. */
const REPORT = Boolean(process.env.WELL_ARCHITECTED_EVAL_REPORT);

async function suggestAll(
  catalog: EvaluationCatalog,
  dataset: Dataset,
): Promise<EntityScore[]> {
  const { suggestions } = testServices({
    catalog: catalogServiceMock({
      entities: withCatalogRelations(catalog.entities),
    }),
    dataset,
  });
  const scores: EntityScore[] = [];
  for (const [ref, label] of catalog.labels) {
    const result = await suggestions.suggest(
      parseEntityRef(ref),
      mockCredentials.user(),
    );
    scores.push({
      ...scoreEntity(
        ref,
        result.suggestions.map(s => s.roleId),
        label,
      ),
      confidence: Object.fromEntries(
        result.suggestions.map(s => [s.roleId, s.confidence]),
      ),
    });
  }
  return scores;
}

/**
 * The rules' suggestions for a catalog scored against what its two reviewers agree on
 * ({@link consensusScores}), each with how sure the rules were.
 */
async function agreedScores(
  catalog: EvaluationCatalog,
  second: SecondLabels,
  dataset: Dataset,
): Promise<EntityScore[]> {
  const rules = await suggestAll(catalog, dataset);
  const confidence = new Map(rules.map(r => [r.entityRef, r.confidence]));
  return consensusScores(
    new Map(rules.map(r => [r.entityRef, r.suggested])),
    catalog.labels,
    second.labels,
  ).map(s => ({ ...s, confidence: confidence.get(s.entityRef) }));
}

/**
 * What is wrong with the labels: each label must name a System or Component its catalog holds,
 * and roles the dataset has, each in one list only.
 */
async function labelProblems(catalogs: EvaluationCatalog[]): Promise<string[]> {
  const dataset = await bundledDataset();
  const known = new Set(dataset.roles.map(r => r.id));
  return catalogs.flatMap(catalog => {
    const refs = new Set(
      catalog.entities.map(e =>
        stringifyEntityRef({
          ...e,
          metadata: { namespace: 'default', ...e.metadata },
        }),
      ),
    );
    return [...catalog.labels].flatMap(([ref, label]) => {
      const all = [...label.must, ...label.optional, ...label.noise];
      const where = `${catalog.name} ${ref}`;
      return [
        ...(refs.has(ref) ? [] : [`${where}: not in the catalog`]),
        ...all
          .filter(r => !known.has(r))
          .map(r => `${where}: unknown role ${r}`),
        ...(new Set(all).size === all.length
          ? []
          : [`${where}: a role in more than one list`]),
      ];
    });
  });
}

describe('the evaluation set', () => {
  let catalogs: EvaluationCatalog[];
  let seconds: SecondLabels[];
  let dataset: Dataset;

  beforeAll(async () => {
    catalogs = await readEvaluationSet();
    seconds = await readSecondLabels();
    dataset = await bundledDataset();
  });

  it('has at least 40 labelled entities from at least three catalogs', () => {
    expect(catalogs.length).toBeGreaterThanOrEqual(3);
    const labelled = catalogs.reduce((n, c) => n + c.labels.size, 0);
    expect(labelled).toBeGreaterThanOrEqual(40);
  });

  it('labels only Systems and Components that its catalogs hold, with roles the dataset has', async () => {
    expect(await labelProblems(catalogs)).toEqual([]);
  });

  it('has a second reviewer for every catalog', () => {
    const reviewed = new Set(seconds.map(s => s.name));
    expect(catalogs.map(c => c.name).filter(n => !reviewed.has(n))).toEqual([]);
  });

  it('finds at least 90 % of the roles both reviewers must see, and at least 90 % of what it suggests is accepted by one of them, in every catalog', async () => {
    const byCatalog = [];
    for (const catalog of catalogs) {
      const second = seconds.find(s => s.name === catalog.name);
      if (second) {
        byCatalog.push({
          name: catalog.name,
          scores: await agreedScores(catalog, second, dataset),
        });
      }
    }
    expect(byCatalog.map(c => c.name)).toEqual(catalogs.map(c => c.name));
    const report = formatReport(
      byCatalog,
      'tuning set, against what both reviewers agree on: the rules were tuned on these, gated at >= 90 %',
    );
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

describe.each([
  [SIDE_SETS.holdout, 'holdout: labelled blind, not used to tune the rules'],
  [
    SIDE_SETS.ungated,
    "ungated: former holdouts tuned on, labels in their reviewer's own conventions",
  ],
])('the %s catalogs', (folder, heading) => {
  let side: EvaluationCatalog[];
  let dataset: Dataset;

  beforeAll(async () => {
    side = await readSideSet(folder);
    dataset = await bundledDataset();
  });

  it('are kept apart from the tuning set, each with at least 12 labelled entities', async () => {
    const tuning = new Set((await readEvaluationSet()).map(c => c.name));
    expect(
      side
        .filter(c => tuning.has(c.name) || c.labels.size < 12)
        .map(c => c.name),
    ).toEqual([]);
  });

  it('label only Systems and Components that their catalogs hold, with roles the dataset has', async () => {
    expect(await labelProblems(side)).toEqual([]);
  });

  // Reported, never gated: these measure the rules, they do not hold them to a bar.
  it('score every labelled entity', async () => {
    const byCatalog = [];
    for (const catalog of side) {
      const scores = await suggestAll(catalog, dataset);
      expect(scores.map(s => s.entityRef)).toEqual([...catalog.labels.keys()]);
      byCatalog.push({ name: catalog.name, scores });
    }
    if (REPORT) {
      process.stdout.write(
        byCatalog.length === 0
          ? `\n#### ${folder}: none; add evaluation/${folder}/<name>.yaml and label it under <name> in evaluation/${sideSetLabels(
              folder,
            )}\n`
          : `${formatReport(byCatalog, heading)}\n`,
      );
    }
  });
});

/** The comparisons `make eval` prints for a catalog with two reviewers. */
function comparisons(
  rules: Map<string, string[]>,
  first: EvaluationCatalog['labels'],
  second: EvaluationCatalog['labels'],
): Array<{ name: string; scores: EntityScore[] }> {
  return [
    {
      name: 'second reviewer, against the first',
      scores: scoreAgainst(mustLists(second), first),
    },
    {
      name: 'first reviewer, against the second',
      scores: scoreAgainst(mustLists(first), second),
    },
    { name: 'rules, against the first', scores: scoreAgainst(rules, first) },
    { name: 'rules, against the second', scores: scoreAgainst(rules, second) },
    {
      name: 'rules, against what both agree on',
      scores: consensusScores(rules, first, second),
    },
  ];
}

describe('a second reviewer', () => {
  // Reported, never gated: how far two reviewers agree on one catalog bounds what any rules can
  // score on a catalog labelled by one of them alone.
  it("labels what the first reviewer labelled, and is scored against the first reviewer's labels, as the rules are against each", async () => {
    const seconds = await readSecondLabels();
    const tuning = await readEvaluationSet();
    const holdout = await readSideSet(SIDE_SETS.holdout);
    const catalogs = [
      ...tuning,
      ...holdout,
      ...(await readSideSet(SIDE_SETS.ungated)),
    ];
    const dataset = await bundledDataset();
    const lines: string[] = [];
    // The same comparisons summed over the tuning set, the holdout and the ungated catalogs.
    const overall = new Map<string, Map<string, EntityScore[]>>();
    for (const second of seconds) {
      const catalog = catalogs.find(c => c.name === second.name);
      expect({ name: second.name, found: Boolean(catalog) }).toEqual({
        name: second.name,
        found: true,
      });
      if (!catalog) {
        continue;
      }
      expect(
        await labelProblems([{ ...catalog, labels: second.labels }]),
      ).toEqual([]);
      expect([...second.labels.keys()].sort()).toEqual(
        [...catalog.labels.keys()].sort(),
      );
      const rules = new Map(
        (await suggestAll(catalog, dataset)).map(r => [
          r.entityRef,
          r.suggested,
        ]),
      );
      const rows = comparisons(rules, catalog.labels, second.labels);
      lines.push(
        ...formatTotals(
          second.name,
          'who is scored, against whose labels',
          rows,
        ),
      );
      const set =
        [
          [tuning, 'the tuning set'] as const,
          [holdout, 'the holdout'] as const,
        ].find(([of]) => of.includes(catalog))?.[1] ?? 'the ungated catalogs';
      const sums = overall.get(set) ?? new Map<string, EntityScore[]>();
      for (const { name, scores } of rows) {
        sums.set(name, [...(sums.get(name) ?? []), ...scores]);
      }
      overall.set(set, sums);
    }
    for (const [set, sums] of overall) {
      lines.push(
        ...formatTotals(
          `all of ${set} with two reviewers`,
          'who is scored, against whose labels',
          [...sums].map(([name, scores]) => ({ name, scores })),
        ),
        ...formatRoleTotals(
          `per role over ${set}: missed where both reviewers must see it, wrong where neither accepts it`,
          sums.get('rules, against what both agree on') ?? [],
        ),
      );
    }
    if (REPORT) {
      process.stdout.write(
        seconds.length === 0
          ? `\n#### agreement: none; add a second reviewer's labels of a catalog as evaluation/${AGREEMENT_DIR}/<name>.yaml\n`
          : `\n#### agreement: a second reviewer's labels, written blind, against the first's${lines.join(
              '\n',
            )}\n`,
      );
    }
  });
});

describe('readSideSet', () => {
  let dir: string;
  const catalog = [
    'apiVersion: backstage.io/v1alpha1',
    'kind: System',
    'metadata: { name: shop }',
    'spec: { owner: team }',
  ].join('\n');
  const labels = [
    'acme:',
    '  system:default/shop:',
    '    must: [site-reliability-engineer]',
  ].join('\n');

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'holdout-'));
  });

  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads nothing when there is no holdout catalog', async () => {
    await expect(readSideSet(SIDE_SETS.holdout, dir)).resolves.toEqual([]);
  });

  it('reads each holdout/<name>.yaml with its labels under <name>', async () => {
    await fs.mkdir(path.join(dir, 'holdout'));
    await fs.writeFile(path.join(dir, 'holdout', 'acme.yaml'), catalog);
    await fs.writeFile(
      path.join(dir, sideSetLabels(SIDE_SETS.holdout)),
      labels,
    );
    const [acme, ...others] = await readSideSet(SIDE_SETS.holdout, dir);
    expect(others).toEqual([]);
    expect(acme.name).toBe('acme');
    expect(acme.entities.map(e => e.metadata.name)).toEqual(['shop']);
    expect([...acme.labels.keys()]).toEqual(['system:default/shop']);
  });

  it('reads nothing when the holdout folder holds no catalog and there are no labels', async () => {
    await fs.mkdir(path.join(dir, 'holdout'));
    await expect(readSideSet(SIDE_SETS.holdout, dir)).resolves.toEqual([]);
  });

  it('names a holdout catalog when there is no labels file', async () => {
    await fs.mkdir(path.join(dir, 'holdout'));
    await fs.writeFile(path.join(dir, 'holdout', 'acme.yaml'), catalog);
    await expect(readSideSet(SIDE_SETS.holdout, dir)).rejects.toThrow(
      "evaluation/holdout/acme.yaml has no labels; label it under 'acme' in evaluation/holdout-labels.yaml",
    );
  });

  it('names labels whose holdout catalog is missing', async () => {
    await fs.mkdir(path.join(dir, 'holdout'));
    await fs.writeFile(
      path.join(dir, sideSetLabels(SIDE_SETS.holdout)),
      labels,
    );
    await expect(readSideSet(SIDE_SETS.holdout, dir)).resolves.toEqual([]);
    await fs.writeFile(path.join(dir, 'holdout', 'zeta.yaml'), catalog);
    await expect(readSideSet(SIDE_SETS.holdout, dir)).rejects.toThrow(
      "evaluation/holdout-labels.yaml labels 'acme', but there is no evaluation/holdout/acme.yaml",
    );
  });

  it('names a holdout catalog that has no labels', async () => {
    await fs.mkdir(path.join(dir, 'holdout'));
    await fs.writeFile(path.join(dir, 'holdout', 'acme.yaml'), catalog);
    await fs.writeFile(path.join(dir, 'holdout', 'zeta.yaml'), catalog);
    await fs.writeFile(
      path.join(dir, sideSetLabels(SIDE_SETS.holdout)),
      labels,
    );
    await expect(readSideSet(SIDE_SETS.holdout, dir)).rejects.toThrow(
      "evaluation/holdout/zeta.yaml has no labels; label it under 'zeta' in evaluation/holdout-labels.yaml",
    );
  });
});

describe('readSecondLabels and scoreAgainst', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'agreement-'));
  });

  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads nothing when there is no second labelling', async () => {
    await expect(readSecondLabels(dir)).resolves.toEqual([]);
  });

  it("reads agreement/<name>.yaml under its key, and scores one reviewer's must lists against the other's labels", async () => {
    await fs.mkdir(path.join(dir, AGREEMENT_DIR));
    await fs.writeFile(
      path.join(dir, AGREEMENT_DIR, 'acme.yaml'),
      [
        'acme:',
        '  system:default/shop:',
        '    must: [site-reliability-engineer, data-steward]',
      ].join('\n'),
    );
    const [second] = await readSecondLabels(dir);
    expect(second.name).toBe('acme');
    const first = new Map([
      [
        'system:default/shop',
        {
          must: ['site-reliability-engineer'],
          optional: [],
          noise: ['data-steward'],
        },
      ],
    ]);
    expect(totals(scoreAgainst(mustLists(second.labels), first))).toMatchObject(
      { hits: 1, missed: 0, wrong: 1 },
    );
    expect(totals(scoreAgainst(mustLists(first), second.labels))).toMatchObject(
      { hits: 1, missed: 1, wrong: 0 },
    );
  });

  it('counts as missed only what both reviewers must see, and as wrong only what neither accepts', () => {
    const ref = 'component:default/a';
    const label = (must: string[], optional: string[] = []) =>
      new Map([[ref, { must, optional, noise: [] }]]);
    const [score] = consensusScores(
      new Map([[ref, ['both', 'one', 'neither']]]),
      label(['both', 'one', 'missed'], []),
      label(['both', 'missed'], ['one']),
    );
    expect(score).toMatchObject({
      hits: ['both'],
      missed: ['missed'],
      wrong: ['neither'],
    });
  });

  it('names the file whose key is not its name', async () => {
    await fs.mkdir(path.join(dir, AGREEMENT_DIR));
    await fs.writeFile(
      path.join(dir, AGREEMENT_DIR, 'acme.yaml'),
      'other:\n  system:default/shop:\n    must: []\n',
    );
    await expect(readSecondLabels(dir)).rejects.toThrow(
      "evaluation/agreement/acme.yaml must hold one key, 'acme'",
    );
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

  it('prints a report under its heading when given one, and without one otherwise', () => {
    const scores = [
      scoreEntity('system:default/a', ['a'], {
        must: ['a'],
        optional: [],
        noise: [],
      }),
    ];
    expect(
      formatReport([{ name: 'c', scores }], 'holdout')
        .split('\n')
        .slice(0, 3),
    ).toEqual(['', '#### holdout', '']);
    expect(formatReport([{ name: 'c', scores }])).not.toContain('####');
  });

  it('counts, per confidence, the suggestions that were must, optional or wrong', () => {
    const score = {
      ...scoreEntity('system:default/x', ['a', 'o', 'c'], {
        must: ['a'],
        optional: ['o'],
        noise: [],
      }),
      confidence: { a: 'strong', o: 'weak', c: 'weak' } as const,
    };
    expect(confidenceTotals([score])).toEqual([
      {
        confidence: 'strong',
        suggested: 1,
        hits: 1,
        optional: 0,
        wrong: 0,
        precision: 1,
      },
      {
        confidence: 'moderate',
        suggested: 0,
        hits: 0,
        optional: 0,
        wrong: 0,
        precision: 1,
      },
      {
        confidence: 'weak',
        suggested: 2,
        hits: 0,
        optional: 1,
        wrong: 1,
        precision: 0,
      },
    ]);
  });

  it('counts each role missed or wrong somewhere, most first', () => {
    const label = { must: ['a', 'b'], optional: ['o'], noise: [] };
    expect(
      roleTotals([
        scoreEntity('system:default/x', ['a', 'c', 'o'], label),
        scoreEntity('system:default/y', ['c'], label),
      ]),
    ).toEqual([
      { roleId: 'b', hits: 0, missed: 2, wrong: 0 },
      { roleId: 'c', hits: 0, missed: 0, wrong: 2 },
      { roleId: 'a', hits: 1, missed: 1, wrong: 0 },
    ]);
  });
});
