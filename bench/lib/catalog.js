// The generated catalog of the benchmark: 10,000 entities in the proportions of a mid-sized
// company, the same on every run (no randomness), so that two runs measure the same work.
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

/** How many entities of each kind; they add up to 10,000. */
const COUNTS = {
  Domain: 20,
  Group: 200,
  User: 1000,
  System: 2000,
  Component: 3400,
  API: 1500,
  Resource: 1880,
};

/** The System the suggestion scenarios ask about, and what it is made of. */
const BIG_SYSTEM = {
  name: 'system-0000',
  components: 30,
  apis: 10,
  resources: 10,
};

const DEPARTMENTS = 10;
const COMPONENT_TYPES = ['service', 'service', 'service', 'website', 'library'];
const RESOURCE_TYPES = ['database', 'queue', 'bucket', 'cluster', 'cache'];
const TAGS = ['pci', 'gdpr', 'pii', 'public', 'customer-facing', 'ml', 'java'];
const ANNOTATIONS = [
  ['pagerduty.com/integration-key', 'bench'],
  ['backstage.io/techdocs-ref', 'dir:.'],
  ['backstage.io/kubernetes-id', 'bench'],
  ['sonarqube.org/project-key', 'bench'],
  ['vault.io/secrets-path', 'bench'],
];

const pad = n => String(n).padStart(4, '0');
const name = (prefix, i) => `${prefix}-${pad(i)}`;

/** Items 0..count-1 dealt out in turn to `buckets` owners; bucket b gets i where i % buckets = b. */
function dealt(count, buckets) {
  const lists = Array.from({ length: buckets }, () => []);
  for (let i = 0; i < count; i++) lists[i % buckets].push(i);
  return lists;
}

function entity(kind, metadata, spec) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { namespace: 'default', ...metadata },
    spec,
  };
}

function groups(counts, roleIds) {
  const teams = counts.Group - 1 - DEPARTMENTS;
  const out = [
    entity(
      'Group',
      { name: 'engineering' },
      { type: 'organization', children: [] },
    ),
  ];
  for (let d = 0; d < DEPARTMENTS; d++) {
    out.push(
      entity(
        'Group',
        { name: name('department', d) },
        { type: 'department', parent: 'engineering', children: [] },
      ),
    );
  }
  for (let t = 0; t < teams; t++) {
    // One team in three declares one to three roles it holds in its catalog YAML.
    const held = t % 3 === 0 ? 1 + ((t / 3) % 3) : 0;
    const annotations = held && {
      'well-architected/roles': Array.from(
        { length: held },
        (_, k) => roleIds[(t + k * 7) % roleIds.length],
      ).join(', '),
    };
    out.push(
      entity(
        'Group',
        { name: name('team', t), ...(annotations && { annotations }) },
        {
          type: 'team',
          parent: name('department', t % DEPARTMENTS),
          children: [],
        },
      ),
    );
  }
  return { entities: out, teams };
}

function users(counts, teams) {
  return Array.from({ length: counts.User }, (_, u) =>
    entity(
      'User',
      { name: name('user', u) },
      {
        profile: { displayName: `User ${pad(u)}` },
        memberOf: [name('team', u % teams)],
      },
    ),
  );
}

/**
 * Systems with their Components, APIs and Resources. The big System takes the first parts of
 * each kind; the rest are dealt out over the other Systems.
 */
function systems(counts, teams) {
  const others = counts.System - 1;
  const deal = (count, big) => {
    const rest = dealt(count - big, others).map(list => list.map(i => i + big));
    return [Array.from({ length: big }, (_, i) => i), ...rest];
  };
  const componentsOf = deal(counts.Component, BIG_SYSTEM.components);
  const apisOf = deal(counts.API, BIG_SYSTEM.apis);
  const resourcesOf = deal(counts.Resource, BIG_SYSTEM.resources);

  const out = [];
  for (let s = 0; s < counts.System; s++) {
    const owner = name('team', s % teams);
    const system = name('system', s);
    const apis = apisOf[s].map(i => name('api', i));
    const resources = resourcesOf[s].map(i => name('resource', i));
    out.push(
      entity(
        'System',
        { name: system, tags: s % 5 === 0 ? ['customer-facing'] : [] },
        { owner, domain: name('domain', s % counts.Domain) },
      ),
    );
    for (const i of apisOf[s]) {
      out.push(
        entity(
          'API',
          { name: name('api', i), tags: i % 4 === 0 ? ['public'] : [] },
          {
            type: 'openapi',
            lifecycle: 'production',
            owner,
            system,
            definition: 'openapi: 3.0.0',
          },
        ),
      );
    }
    for (const i of resourcesOf[s]) {
      out.push(
        entity(
          'Resource',
          { name: name('resource', i) },
          { type: RESOURCE_TYPES[i % RESOURCE_TYPES.length], owner, system },
        ),
      );
    }
    componentsOf[s].forEach((i, k) => {
      const [key, value] = ANNOTATIONS[i % ANNOTATIONS.length];
      out.push(
        entity(
          'Component',
          {
            name: name('component', i),
            tags: [TAGS[i % TAGS.length]],
            labels: i % 10 === 0 ? { tier: '1' } : {},
            annotations: { [key]: value },
          },
          {
            type: COMPONENT_TYPES[i % COMPONENT_TYPES.length],
            lifecycle: i % 6 === 0 ? 'experimental' : 'production',
            owner,
            system,
            providesApis: apis.filter(
              (_, a) => a % componentsOf[s].length === k,
            ),
            dependsOn: resources
              .filter((_, r) => r % componentsOf[s].length === k)
              .map(r => `resource:default/${r}`),
            consumesApis: [name('api', (i * 7 + 11) % counts.API)],
          },
        ),
      );
    });
  }
  return out;
}

function domains(counts) {
  return Array.from({ length: counts.Domain }, (_, d) =>
    entity(
      'Domain',
      { name: name('domain', d) },
      { owner: name('department', d % DEPARTMENTS) },
    ),
  );
}

/**
 * The entities of the generated catalog, as its YAML declares them (the catalog adds relations),
 * `scale` times the 10,000 of the benchmark: every kind in proportion, the same departments.
 */
function generateEntities(roleIds, scale = 1) {
  const counts = Object.fromEntries(
    Object.entries(COUNTS).map(([kind, count]) => [kind, count * scale]),
  );
  const org = groups(counts, roleIds);
  const all = [
    ...domains(counts),
    ...org.entities,
    ...users(counts, org.teams),
    ...systems(counts, org.teams),
  ];
  const byKind = {};
  for (const e of all) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
  for (const [kind, count] of Object.entries(counts)) {
    if (byKind[kind] !== count) {
      throw new Error(
        `generated ${byKind[kind]} ${kind} entities, expected ${count}`,
      );
    }
  }
  return { all, org, counts };
}

/**
 * Writes the catalog to `file` and returns what the benchmark needs to know about it: the
 * counts by kind, the refs of the big System's parts and some names to look up.
 */
function generateCatalog(file, roleIds) {
  const { all, org } = generateEntities(roleIds);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, all.map(e => YAML.stringify(e)).join('---\n'));

  const bigSystemRef = `system:default/${BIG_SYSTEM.name}`;
  const bigSystemParts = all
    .filter(e => e.spec.system === BIG_SYSTEM.name)
    .map(e => `${e.kind.toLowerCase()}:default/${e.metadata.name}`);
  return {
    file,
    counts: COUNTS,
    total: all.length,
    bigSystemRef,
    bigSystemParts,
    systemNames: all.filter(e => e.kind === 'System').map(e => e.metadata.name),
    /** By System name: the refs of the System and its parts, what its page shows. */
    systemRefs: Object.fromEntries(
      all
        .filter(e => e.kind === 'System')
        .map(s => [
          s.metadata.name,
          [
            `system:default/${s.metadata.name}`,
            ...all
              .filter(e => e.spec.system === s.metadata.name)
              .map(e => `${e.kind.toLowerCase()}:default/${e.metadata.name}`),
          ],
        ]),
    ),
    teamRefs: org.entities
      .filter(e => e.spec.type === 'team')
      .map(e => `group:default/${e.metadata.name}`),
  };
}

/** The ids of the roles of the plugin's dataset, which the generated teams declare. */
function datasetRoleIds() {
  return YAML.parse(
    fs.readFileSync(
      path.join(
        __dirname,
        '../../plugins/well-architected-backend/dataset/roles.yaml',
      ),
      'utf8',
    ),
  ).roles.map(r => r.id);
}

module.exports = { datasetRoleIds, generateCatalog, generateEntities };
