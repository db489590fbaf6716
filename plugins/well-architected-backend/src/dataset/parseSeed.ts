import { PILLAR_IDS, PillarId } from 'backstage-plugin-well-architected-common';

/** One `• Title – description` line of the seed text, with where it stands. */
export interface SeedEntry {
  pillarTitle: string;
  categoryTitle: string;
  title: string;
  description: string;
  /** 1-based line number in the seed text, for error messages. */
  line: number;
}

/** The seed text's structure: pillars in order, categories in order, entries in order. */
export interface Seed {
  pillars: Array<{ id: PillarId; title: string }>;
  categories: Array<{ pillarTitle: string; title: string }>;
  entries: SeedEntry[];
}

const BULLET = '•';
// The seed separates title and description with an en dash between spaces; titles themselves
// contain hyphens ("day-to-day" only ever appears in descriptions, but be strict anyway).
const SEPARATOR = ' – ';
const DOCUMENT_HEADING = 'Roles';

/**
 * Turns a title into a URL-safe slug: "Leadership & Stakeholder Roles" becomes
 * "leadership-stakeholder-roles".
 */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Parses the seed text: a heading line "Roles", then pillar headings (the six pillar titles),
 * category headings, and entries `• Title – description`. Throws with the line number on anything
 * it cannot place, so that a broken dataset fails the start instead of serving half a dataset.
 */
export function parseSeed(text: string): Seed {
  const pillarTitles = new Map<string, PillarId>();
  const seed: Seed = { pillars: [], categories: [], entries: [] };
  let pillarTitle: string | undefined;
  let categoryTitle: string | undefined;

  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || (trimmed === DOCUMENT_HEADING && !pillarTitle)) {
      return;
    }
    const pillarId = slugify(trimmed) as PillarId;
    if (PILLAR_IDS.includes(pillarId)) {
      if (pillarTitles.has(trimmed)) {
        throw new Error(`Seed line ${line}: pillar "${trimmed}" appears twice`);
      }
      pillarTitles.set(trimmed, pillarId);
      seed.pillars.push({ id: pillarId, title: trimmed });
      pillarTitle = trimmed;
      categoryTitle = undefined;
      return;
    }
    if (!pillarTitle) {
      throw new Error(
        `Seed line ${line}: "${trimmed}" comes before the first pillar heading`,
      );
    }
    if (!trimmed.startsWith(BULLET)) {
      categoryTitle = trimmed;
      seed.categories.push({ pillarTitle, title: trimmed });
      return;
    }
    if (!categoryTitle) {
      throw new Error(
        `Seed line ${line}: an entry comes before the first category heading of "${pillarTitle}"`,
      );
    }
    const body = trimmed.slice(BULLET.length).trim();
    const at = body.indexOf(SEPARATOR);
    if (at <= 0 || at + SEPARATOR.length >= body.length) {
      throw new Error(
        `Seed line ${line}: expected "${BULLET} Title${SEPARATOR}description", got "${trimmed}"`,
      );
    }
    seed.entries.push({
      pillarTitle,
      categoryTitle,
      title: body.slice(0, at).trim(),
      description: body.slice(at + SEPARATOR.length).trim(),
      line,
    });
  });

  const missing = PILLAR_IDS.filter(id => !seed.pillars.some(p => p.id === id));
  if (missing.length > 0) {
    throw new Error(`Seed has no heading for pillar(s) ${missing.join(', ')}`);
  }
  return seed;
}
