import fs from 'node:fs/promises';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { parseAllDocuments, parse } from 'yaml';
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

/** Reads `evaluation/*.yaml` and `evaluation/labels.yaml`; throws naming what is wrong. */
export async function readEvaluationSet(
  dir = EVALUATION_DIR,
): Promise<EvaluationCatalog[]> {
  const parsed = labelsSchema.safeParse(
    parse(await fs.readFile(path.join(dir, 'labels.yaml'), 'utf8')),
  );
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new Error(
      `evaluation/labels.yaml at ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  return Promise.all(
    Object.entries(parsed.data).map(async ([name, labels]) => {
      const text = await fs.readFile(path.join(dir, `${name}.yaml`), 'utf8');
      const entities = parseAllDocuments(text)
        .map(doc => doc.toJS() as Entity | null)
        .filter((e): e is Entity => Boolean(e));
      return {
        name,
        entities,
        labels: new Map(
          Object.entries(labels).map(([ref, label]) => [
            ref.toLocaleLowerCase('en'),
            label,
          ]),
        ),
      };
    }),
  );
}

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

/** The report `make eval` prints: one line per entity, then one per catalog and the total. */
export function formatReport(
  byCatalog: Array<{ name: string; scores: EntityScore[] }>,
): string {
  const lines: string[] = [];
  const row = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(44) : c.padStart(10))).join(' ');
  for (const { name, scores } of byCatalog) {
    lines.push('', `== ${name}`);
    lines.push(
      row(['entity', 'precision', 'recall', 'hits', 'missed', 'wrong']),
    );
    for (const s of scores) {
      const t = totals([s]);
      lines.push(
        row([
          parseEntityRef(s.entityRef).kind === 'system'
            ? s.entityRef
            : `  ${s.entityRef}`,
          pct(t.precision),
          pct(t.recall),
          String(t.hits),
          String(t.missed),
          String(t.wrong),
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
  lines.push('', '== per catalog');
  lines.push(
    row(['catalog', 'precision', 'recall', 'hits', 'missed', 'wrong']),
  );
  const all = byCatalog.flatMap(c => c.scores);
  for (const { name, scores } of [
    ...byCatalog,
    { name: `all (${all.length} entities)`, scores: all },
  ]) {
    const t = totals(scores);
    lines.push(
      row([
        name,
        pct(t.precision),
        pct(t.recall),
        String(t.hits),
        String(t.missed),
        String(t.wrong),
      ]),
    );
  }
  return lines.join('\n');
}
