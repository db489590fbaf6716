import fs from 'node:fs';
import path from 'node:path';
import { buildDataset } from './buildDataset';

const datasetDir = path.resolve(__dirname, '../../dataset');
const seedText = fs.readFileSync(
  path.join(datasetDir, 'well-architected-roles.txt'),
  'utf8',
);
const curationYaml = fs.readFileSync(
  path.join(datasetDir, 'roles.yaml'),
  'utf8',
);

/**
 * The seed's entries read the plainest way there is, independently of the parser under test:
 * every line that starts with a bullet, split at the first spaced en dash.
 */
const seedEntries = seedText
  .split('\n')
  .map(line => line.trim())
  .filter(line => line.startsWith('•'))
  .map(line => {
    const [title, ...rest] = line.slice(1).trim().split(' – ');
    return { title: title.trim(), description: rest.join(' – ').trim() };
  });

describe('buildDataset', () => {
  const dataset = buildDataset(seedText, curationYaml);

  it('holds the 6 pillars and 29 categories in the seed order', () => {
    expect(dataset.pillars.map(p => p.title)).toEqual([
      'Operational Excellence',
      'Security',
      'Reliability',
      'Performance Efficiency',
      'Cost Optimization',
      'Sustainability',
    ]);
    expect(dataset.categories).toHaveLength(29);
    expect(
      dataset.categories
        .filter(c => c.pillarId === 'reliability')
        .map(c => c.title),
    ).toEqual([
      'Leadership & Oversight',
      'Engineering & Infrastructure',
      'Testing, Monitoring & Quality',
      'Backup & Disaster Recovery',
      'Architecture & API Governance',
    ]);
  });

  it('holds every one of the 129 seed entries with its title and description verbatim', () => {
    expect(seedEntries).toHaveLength(129);
    expect(dataset.responsibilities).toHaveLength(129);
    expect(
      dataset.responsibilities.map(r => ({
        title: r.title,
        description: r.description,
      })),
    ).toEqual(seedEntries);
  });

  it('maps every entry to exactly one canonical role that exists', () => {
    const roleIds = new Set(dataset.roles.map(r => r.id));
    for (const r of dataset.responsibilities) {
      expect(roleIds.has(r.roleId)).toBe(true);
    }
    // Each distinct seed title belongs to one role only.
    const rolesByTitle = new Map<string, Set<string>>();
    for (const r of dataset.responsibilities) {
      const roles = rolesByTitle.get(r.title) ?? new Set();
      roles.add(r.roleId);
      rolesByTitle.set(r.title, roles);
    }
    expect(rolesByTitle.size).toBe(97);
    for (const roles of rolesByTitle.values()) {
      expect(roles.size).toBe(1);
    }
  });

  it('merges the spellings of one job into one role', () => {
    const sre = dataset.responsibilities.filter(
      r => r.roleId === 'site-reliability-engineer',
    );
    expect(sre.map(r => r.pillarId)).toEqual([
      'operational-excellence',
      'reliability',
      'performance-efficiency',
    ]);
    const qa = new Set(
      dataset.responsibilities
        .filter(r => r.roleId === 'quality-assurance-engineer')
        .map(r => r.title),
    );
    expect(qa).toEqual(
      new Set([
        'Quality Assurance Analyst / Engineer / Specialist',
        'QA Engineer / Quality Assurance Analyst',
        'Quality Assurance Engineer / Analyst',
        'Quality Assurance Analyst / Engineer',
        'QA Specialist / Quality Assurance Engineer',
      ]),
    );
    expect(
      dataset.responsibilities.filter(r => r.roleId === 'devops-engineer'),
    ).toHaveLength(6);
  });

  it('flags the entry marked optional for highly regulated environments, and only it', () => {
    const flagged = dataset.responsibilities.filter(r => r.flags.length > 0);
    expect(flagged).toEqual([
      expect.objectContaining({
        roleId: 'technical-writer',
        pillarId: 'reliability',
        flags: ['highly-regulated-environments'],
      }),
    ]);
  });

  it('gives stable, unique ids', () => {
    const ids = dataset.responsibilities.map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(
      'reliability/backup-disaster-recovery/backup-administrator',
    );
    expect(buildDataset(seedText, curationYaml).version).toBe(dataset.version);
  });

  it('changes the version when any text changes', () => {
    const edited = seedText.replace(
      'Manages and verifies the integrity of system backups.',
      'Manages and verifies system backups.',
    );
    expect(buildDataset(edited, curationYaml).version).not.toBe(
      dataset.version,
    );
  });

  it('names a seed title that the curation does not map', () => {
    const edited = seedText.replace(
      '• Backup Administrator –',
      '• Backup Wizard –',
    );
    expect(() => buildDataset(edited, curationYaml)).toThrow(
      /title "Backup Wizard" is not mapped to a role/,
    );
  });

  it('names curated titles that the seed does not contain', () => {
    const edited = seedText.replace(
      '  • Game Day Facilitator – Leads simulated failure exercises (“game days”) to assess organizational readiness.\n',
      '',
    );
    expect(() => buildDataset(edited, curationYaml)).toThrow(
      /seed titles that the seed does not contain: "Game Day Facilitator"/,
    );
  });

  it('rejects a seed title mapped to two roles', () => {
    const curation = curationYaml.replace(
      '      - Infrastructure Operations Manager\n',
      '      - Infrastructure Operations Manager\n      - Backup Administrator\n',
    );
    expect(() => buildDataset(seedText, curation)).toThrow(
      /"Backup Administrator" is mapped to both/,
    );
  });

  it('rejects an entry without a description, naming its line', () => {
    const edited = seedText.replace(
      '• Backup Administrator – Manages and verifies the integrity of system backups.',
      '• Backup Administrator',
    );
    expect(() => buildDataset(edited, curationYaml)).toThrow(
      /Seed line \d+: expected "• Title – description"/,
    );
  });

  it('rejects a curation whose role id is not a slug', () => {
    const curation = curationYaml.replace(
      'id: backup-administrator',
      'id: Backup Administrator',
    );
    expect(() => buildDataset(seedText, curation)).toThrow(
      /Invalid role curation at roles\.\d+\.id: must be a lower-case slug/,
    );
  });
});
