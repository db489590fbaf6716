import fs from 'node:fs/promises';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { parseAllDocuments, parse } from 'yaml';
import { SuggestionConfidence } from 'backstage-plugin-well-architected-common';
import { z } from 'zod';

/** Where the evaluation catalogs and their labels live, outside the example catalog. */
export const EVALUATION_DIR = resolvePackagePath(
  'backstage-plugin-well-architected-backend',
  'evaluation',
);

const roleIds = z.array(z.string().min(1));

const labelSchema = z.strictObject({
  must: roleIds,
  optional: roleIds.default([]),
  noise: roleIds.default([]),
});

const labelsSchema = z.record(
  z.string(),
  z.record(z.string().regex(/^(system|component):[^/]+\/.+$/), labelSchema),
);

/** What a reviewer labelled for one entity. */
export type EntityLabel = z.infer<typeof labelSchema>;

/** One organisation's catalog and the labels of its Systems and Components. */
export interface EvaluationCatalog {
  name: string;
  entities: Entity[];
  labels: Map<string, EntityLabel>;
}

/**
 * Reads a labels file (`file`, relative to `dir`): per catalog name, the labels of each entity by
 * its lower-case ref; throws naming the file and what is wrong.
 */
async function readLabels(
  dir: string,
  file: string,
): Promise<Array<[string, Map<string, EntityLabel>]>> {
  const parsed = labelsSchema.safeParse(
    parse(await fs.readFile(path.join(dir, file), 'utf8')),
  );
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new Error(
      `evaluation/${file} at ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  return Object.entries(parsed.data).map(([name, labels]) => [
    name,
    new Map(
      Object.entries(labels).map(([ref, label]) => [
        ref.toLocaleLowerCase('en'),
        label,
      ]),
    ),
  ]);
}

/**
 * Reads a labels file and, for each catalog it names, `<catalogDir>/<name>.yaml`; throws naming
 * what is wrong. `labelsFile` and `catalogDir` are relative to `dir`.
 */
async function readLabelledCatalogs(
  dir: string,
  labelsFile: string,
  catalogDir: string,
): Promise<EvaluationCatalog[]> {
  return Promise.all(
    (await readLabels(dir, labelsFile)).map(async ([name, labels]) => {
      const file = path.join(catalogDir, `${name}.yaml`);
      const text = await fs.readFile(path.join(dir, file), 'utf8').catch(() => {
        throw new Error(
          `evaluation/${labelsFile} labels '${name}', but there is no evaluation/${file}`,
        );
      });
      const entities = parseAllDocuments(text)
        .map(doc => doc.toJS() as Entity | null)
        .filter((e): e is Entity => Boolean(e));
      return { name, entities, labels };
    }),
  );
}

/**
 * Reads the tuning set, `evaluation/*.yaml` and `evaluation/labels.yaml`: the catalogs the rules
 * were tuned against, gated by the thresholds.
 */
export async function readEvaluationSet(
  dir = EVALUATION_DIR,
): Promise<EvaluationCatalog[]> {
  return readLabelledCatalogs(dir, 'labels.yaml', '.');
}

/**
 * Catalogs beside the tuning set, each folder `evaluation/<folder>/<name>.yaml` with its labels
 * under `<name>` in `evaluation/<folder>-labels.yaml`; reported by `make eval`, never gated.
 */
export const SIDE_SETS = {
  /** Labelled blind and never used to tune the rules: what the rules score on catalogs they have not seen. */
  holdout: 'holdout',
  /**
   * Former holdouts the rules were tuned on whose labels follow their reviewer's own conventions
   * where the tuning set's disagree; measured so that a change shows, not held to the bar.
   */
  ungated: 'ungated',
} as const;

/** The file holding the labels of a side set's catalogs, keyed by catalog name. */
export const sideSetLabels = (folder: string) => `${folder}-labels.yaml`;

/**
 * Reads a side set ({@link SIDE_SETS}). None when its folder holds no catalog; throws when a
 * catalog and the labels do not name each other.
 */
export async function readSideSet(
  folder: string,
  dir = EVALUATION_DIR,
): Promise<EvaluationCatalog[]> {
  const files = await fs
    .readdir(path.join(dir, folder))
    .catch(() => [] as string[]);
  const names = files
    .filter(file => file.endsWith('.yaml'))
    .map(file => file.slice(0, -'.yaml'.length))
    .sort();
  if (names.length === 0) {
    return [];
  }
  const labelsFile = sideSetLabels(folder);
  const hasLabels = await fs.access(path.join(dir, labelsFile)).then(
    () => true,
    () => false,
  );
  const catalogs = hasLabels
    ? await readLabelledCatalogs(dir, labelsFile, folder)
    : [];
  const labelled = catalogs.map(c => c.name).sort();
  const unlabelled = names.filter(name => !labelled.includes(name));
  if (unlabelled.length > 0) {
    throw new Error(
      `evaluation/${folder}/${unlabelled[0]}.yaml has no labels; label it under '${unlabelled[0]}' in evaluation/${labelsFile}`,
    );
  }
  return catalogs;
}

/** A second reviewer's labels of a catalog that another reviewer labelled first. */
export interface SecondLabels {
  name: string;
  labels: Map<string, EntityLabel>;
}

/** The folder of second reviewers' labels: `evaluation/agreement/<name>.yaml`. */
export const AGREEMENT_DIR = 'agreement';

/**
 * Reads every `evaluation/agreement/<name>.yaml`: a second reviewer's labels, under the key
 * `<name>`, of the catalog `<name>` of the tuning set, the holdout or the ungated catalogs,
 * written without seeing the first reviewer's labels or the rules.
 */
export async function readSecondLabels(
  dir = EVALUATION_DIR,
): Promise<SecondLabels[]> {
  const files = await fs
    .readdir(path.join(dir, AGREEMENT_DIR))
    .catch(() => [] as string[]);
  return Promise.all(
    files
      .filter(file => file.endsWith('.yaml'))
      .sort()
      .map(async file => {
        const name = file.slice(0, -'.yaml'.length);
        const read = await readLabels(dir, path.join(AGREEMENT_DIR, file));
        if (read.length !== 1 || read[0][0] !== name) {
          throw new Error(
            `evaluation/${AGREEMENT_DIR}/${file} must hold one key, '${name}'`,
          );
        }
        return { name, labels: read[0][1] };
      }),
  );
}

/**
 * Role ids by entity ref scored against a reviewer's labels, entity by entity: the rules'
 * suggestions, or another reviewer's `must` lists ({@link mustLists}). How far two careful
 * reviewers agree is as far as any rules can be expected to agree with either.
 */
export function scoreAgainst(
  suggested: Map<string, string[]>,
  labels: Map<string, EntityLabel>,
): EntityScore[] {
  return [...labels].map(([ref, label]) =>
    scoreEntity(ref, suggested.get(ref) ?? [], label),
  );
}

/**
 * Where two reviewers agree that suggestions are wrong: per entity, the suggested roles that
 * neither accepts (in neither's `must` nor `optional`) as `wrong`, and the roles both list as
 * `must` that were not suggested as `missed`. A suggested role both list as `must` is a hit; one
 * that only one of them accepts counts neither way.
 */
export function consensusScores(
  suggested: Map<string, string[]>,
  first: Map<string, EntityLabel>,
  second: Map<string, EntityLabel>,
): EntityScore[] {
  return [...first].map(([ref, a]) => {
    const b = second.get(ref) ?? { must: [], optional: [], noise: [] };
    const must = a.must.filter(role => b.must.includes(role));
    const accepted = [...a.must, ...a.optional, ...b.must, ...b.optional];
    return scoreEntity(ref, suggested.get(ref) ?? [], {
      must,
      optional: [...new Set(accepted)].filter(role => !must.includes(role)),
      noise: [],
    });
  });
}

/** A reviewer's `must` list of each entity, to score as if it were suggested. */
export const mustLists = (labels: Map<string, EntityLabel>) =>
  new Map([...labels].map(([ref, label]) => [ref, label.must]));

/** How the suggestions for one entity compare with its labels. */
export interface EntityScore {
  entityRef: string;
  suggested: string[];
  /** Suggested and must. */
  hits: string[];
  /** Must, not suggested. */
  missed: string[];
  /** Suggested, neither must nor optional. */
  wrong: string[];
  /** How sure each suggested role was, by role id, when the rules suggested them. */
  confidence?: Record<string, SuggestionConfidence>;
}

/** Compares suggested role ids with a label; optional roles count neither way. */
export function scoreEntity(
  entityRef: string,
  suggested: string[],
  label: EntityLabel,
): EntityScore {
  return {
    entityRef,
    suggested,
    hits: suggested.filter(r => label.must.includes(r)),
    missed: label.must.filter(r => !suggested.includes(r)),
    wrong: suggested.filter(
      r => !label.must.includes(r) && !label.optional.includes(r),
    ),
  };
}

/** Precision and recall over a set of entity scores. */
export interface Totals {
  hits: number;
  missed: number;
  wrong: number;
  precision: number;
  recall: number;
}

/** Precision = hits / (hits + wrong); recall = hits / (hits + missed); 1 when nothing to count. */
export function totals(scores: EntityScore[]): Totals {
  const sum = (f: (s: EntityScore) => string[]) =>
    scores.reduce((n, s) => n + f(s).length, 0);
  const hits = sum(s => s.hits);
  const missed = sum(s => s.missed);
  const wrong = sum(s => s.wrong);
  return {
    hits,
    missed,
    wrong,
    precision: hits + wrong === 0 ? 1 : hits / (hits + wrong),
    recall: hits + missed === 0 ? 1 : hits / (hits + missed),
  };
}

const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

/** How often each role was a hit, missed or wrong; roles never missed nor wrong are left out. */
export function roleTotals(
  scores: EntityScore[],
): Array<{ roleId: string; hits: number; missed: number; wrong: number }> {
  const byRole = new Map<
    string,
    { roleId: string; hits: number; missed: number; wrong: number }
  >();
  const add = (ids: string[], key: 'hits' | 'missed' | 'wrong') => {
    for (const roleId of ids) {
      const counts = byRole.get(roleId) ?? {
        roleId,
        hits: 0,
        missed: 0,
        wrong: 0,
      };
      counts[key] += 1;
      byRole.set(roleId, counts);
    }
  };
  for (const s of scores) {
    add(s.hits, 'hits');
    add(s.missed, 'missed');
    add(s.wrong, 'wrong');
  }
  return [...byRole.values()]
    .filter(r => r.missed + r.wrong > 0)
    .sort(
      (a, b) =>
        b.missed + b.wrong - (a.missed + a.wrong) ||
        a.roleId.localeCompare(b.roleId),
    );
}

/** The confidences in the order the report lists them. */
const CONFIDENCES: SuggestionConfidence[] = ['strong', 'moderate', 'weak'];

/**
 * Per confidence, how many suggestions were a reviewer's must, optional or wrong: how far a
 * reader may trust a strong suggestion, and a weak one.
 */
export function confidenceTotals(scores: EntityScore[]) {
  return CONFIDENCES.map(confidence => {
    const at = (ids: string[], s: EntityScore) =>
      ids.filter(r => s.confidence?.[r] === confidence).length;
    const sum = (f: (s: EntityScore) => number) =>
      scores.reduce((n, s) => n + f(s), 0);
    const suggested = sum(s => at(s.suggested, s));
    const hits = sum(s => at(s.hits, s));
    const wrong = sum(s => at(s.wrong, s));
    return {
      confidence,
      suggested,
      hits,
      optional: suggested - hits - wrong,
      wrong,
      precision: hits + wrong === 0 ? 1 : hits / (hits + wrong),
    };
  });
}

const row = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(44) : c.padStart(10))).join(' ');

const HEADER = ['precision', 'recall', 'hits', 'missed', 'wrong'];

/** The cells of a row of totals: precision, recall, hits, missed, wrong. */
function totalCells(scores: EntityScore[]): string[] {
  const t = totals(scores);
  return [
    pct(t.precision),
    pct(t.recall),
    String(t.hits),
    String(t.missed),
    String(t.wrong),
  ];
}

/** A table of totals, one row per named set of scores, under `title`. */
export function formatTotals(
  title: string,
  first: string,
  rows: Array<{ name: string; scores: EntityScore[] }>,
): string[] {
  return [
    '',
    `== ${title}`,
    row([first, ...HEADER]),
    ...rows.map(({ name, scores }) => row([name, ...totalCells(scores)])),
  ];
}

/** A table of the roles missed or wrong in `scores`, most first, under `title`. */
export function formatRoleTotals(
  title: string,
  scores: EntityScore[],
): string[] {
  return [
    '',
    `== ${title}`,
    row(['role', '', '', 'hits', 'missed', 'wrong']),
    ...roleTotals(scores).map(r =>
      row([
        r.roleId,
        '',
        '',
        String(r.hits),
        String(r.missed),
        String(r.wrong),
      ]),
    ),
  ];
}

/**
 * The report `make eval` prints: one line per entity, then one per catalog and the total, then
 * one per role that was missed or wrong somewhere, most first; under `heading` when given.
 */
export function formatReport(
  byCatalog: Array<{ name: string; scores: EntityScore[] }>,
  heading?: string,
): string {
  const lines: string[] = heading ? ['', `#### ${heading}`] : [];
  for (const { name, scores } of byCatalog) {
    lines.push('', `== ${name}`, row(['entity', ...HEADER]));
    for (const s of scores) {
      lines.push(
        row([
          parseEntityRef(s.entityRef).kind === 'system'
            ? s.entityRef
            : `  ${s.entityRef}`,
          ...totalCells([s]),
        ]),
      );
      if (s.missed.length > 0) {
        lines.push(`      missed: ${s.missed.join(', ')}`);
      }
      if (s.wrong.length > 0) {
        lines.push(`      wrong:  ${s.wrong.join(', ')}`);
      }
    }
  }
  const all = byCatalog.flatMap(c => c.scores);
  lines.push(
    ...formatTotals('per catalog', 'catalog', [
      ...byCatalog,
      { name: `all (${all.length} entities)`, scores: all },
    ]),
  );
  lines.push(...formatRoleTotals('per role, over every catalog above', all));
  if (all.some(s => s.confidence)) {
    lines.push('', '== per confidence, over every catalog above');
    lines.push(
      row([
        'confidence',
        'suggested',
        'must',
        'optional',
        'wrong',
        'precision',
      ]),
    );
    for (const c of confidenceTotals(all)) {
      lines.push(
        row([
          c.confidence,
          String(c.suggested),
          String(c.hits),
          String(c.optional),
          String(c.wrong),
          pct(c.precision),
        ]),
      );
    }
  }
  return lines.join('\n');
}
