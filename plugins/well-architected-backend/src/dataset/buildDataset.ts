import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ResponsibilityFlag } from 'backstage-plugin-well-architected-common';
import { spec } from '../schema/openapi/generated/router';
import { parseSeed, slugify } from './parseSeed';
import {
  Dataset,
  DatasetCategory,
  DatasetResponsibility,
  DatasetRole,
} from './types';

const curationSchema = z.object({
  revision: z.number().int().min(0).default(0),
  roles: z
    .array(
      z.object({
        id: z
          .string()
          .regex(
            new RegExp(spec.components.schemas.RoleId.pattern),
            'must be a lower-case slug such as site-reliability-engineer',
          ),
        title: z.string().min(1),
        aliases: z.array(z.string().min(1)).default([]),
        seedTitles: z.array(z.string().min(1)).min(1),
      }),
    )
    .min(1),
});

const FLAG_MARKERS: Array<[RegExp, ResponsibilityFlag]> = [
  [
    /\(optional, for highly regulated environments\)/i,
    'highly-regulated-environments',
  ],
];

function readCuration(yamlText: string) {
  const parsed = curationSchema.safeParse(parseYaml(yamlText));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Invalid role curation at ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  return parsed.data;
}

function uniqueIds<T extends { id: string }>(items: T[], what: string) {
  const seen = new Set<string>();
  for (const { id } of items) {
    if (seen.has(id)) {
      throw new Error(`Duplicate ${what} id "${id}" in the dataset`);
    }
    seen.add(id);
  }
}

/**
 * Builds the role dataset from the seed text and the curation (the reviewed mapping from seed
 * titles to canonical roles). Every seed entry must map to exactly one curated role and every
 * curated seed title must occur in the seed, so a mismatch fails here, at start, with the title
 * named.
 */
export function buildDataset(seedText: string, curationYaml: string): Dataset {
  const seed = parseSeed(seedText);
  const { revision, roles: curation } = readCuration(curationYaml);

  const roleBySeedTitle = new Map<string, string>();
  for (const role of curation) {
    for (const seedTitle of role.seedTitles) {
      const other = roleBySeedTitle.get(seedTitle);
      if (other) {
        throw new Error(
          `Seed title "${seedTitle}" is mapped to both "${other}" and "${role.id}"; map it to one role`,
        );
      }
      roleBySeedTitle.set(seedTitle, role.id);
    }
  }

  const pillarIdByTitle = new Map(seed.pillars.map(p => [p.title, p.id]));
  const pillars = seed.pillars.map((p, i) => ({ ...p, order: i + 1 }));

  const categoryIdByKey = new Map<string, string>();
  const categories: DatasetCategory[] = [];
  for (const pillar of seed.pillars) {
    seed.categories
      .filter(c => c.pillarTitle === pillar.title)
      .forEach((c, i) => {
        const id = `${pillar.id}/${slugify(c.title)}`;
        categoryIdByKey.set(`${pillar.title}\n${c.title}`, id);
        categories.push({
          id,
          pillarId: pillar.id,
          title: c.title,
          order: i + 1,
        });
      });
  }

  const usedSeedTitles = new Set<string>();
  const orderInCategory = new Map<string, number>();
  const responsibilities: DatasetResponsibility[] = seed.entries.map(entry => {
    const roleId = roleBySeedTitle.get(entry.title);
    if (!roleId) {
      throw new Error(
        `Seed line ${entry.line}: title "${entry.title}" is not mapped to a role; add it to a role's seedTitles in roles.yaml`,
      );
    }
    usedSeedTitles.add(entry.title);
    const categoryId = categoryIdByKey.get(
      `${entry.pillarTitle}\n${entry.categoryTitle}`,
    )!;
    const order = (orderInCategory.get(categoryId) ?? 0) + 1;
    orderInCategory.set(categoryId, order);
    return {
      id: `${categoryId}/${slugify(entry.title)}`,
      roleId,
      pillarId: pillarIdByTitle.get(entry.pillarTitle)!,
      categoryId,
      title: entry.title,
      description: entry.description,
      flags: FLAG_MARKERS.filter(([marker]) =>
        marker.test(entry.description),
      ).map(([, flag]) => flag),
      order,
    };
  });

  const unused = [...roleBySeedTitle.keys()].filter(
    t => !usedSeedTitles.has(t),
  );
  if (unused.length > 0) {
    throw new Error(
      `roles.yaml maps seed titles that the seed does not contain: ${unused
        .map(t => `"${t}"`)
        .join(', ')}`,
    );
  }

  const roles: DatasetRole[] = curation.map(role => ({
    id: role.id,
    title: role.title,
    aliases: [...new Set([...role.seedTitles, ...role.aliases])].filter(
      alias => alias !== role.title,
    ),
  }));

  uniqueIds(categories, 'category');
  uniqueIds(roles, 'role');
  uniqueIds(responsibilities, 'responsibility');

  const content = { pillars, categories, roles, responsibilities };
  const version = createHash('sha256')
    .update(JSON.stringify(content))
    .digest('hex');
  return { version, revision, ...content };
}
