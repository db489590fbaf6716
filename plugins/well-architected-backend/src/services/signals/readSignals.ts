import {
  Entity,
  RELATION_CONSUMES_API,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Signal, SignalSource } from 'backstage-plugin-well-architected-node';
import {
  AnnotationEntry,
  LIFECYCLE_MEANINGS,
  LifecycleMeaning,
  RESOURCE_FAMILIES,
  ResourceFamily,
  SignalVocabulary,
  TAG_SIGNALS,
  TagSignal,
  WORKLOAD_FAMILIES,
  WorkloadFamily,
} from './vocabulary';

/** The catalog data around an entity that signals are read from. */
export interface Neighbourhood {
  entity: Entity;
  /** For a Component, the System it is part of. */
  system?: Entity;
  /** The entity's own workloads and interfaces (as `SuggestionContext.parts`). */
  parts: Entity[];
  resources: Entity[];
  providedApis: Entity[];
  /** Components that the entity or its parts depend on, each with its System when it has one. */
  dependencies: Array<{ component: Entity; system?: Entity }>;
  /** By API ref, the Systems of the Components that consume it. */
  consumerSystems: Map<string, string[]>;
  /** The other Systems that provide the APIs the entity or its parts consume. */
  providerSystems?: Entity[];
  /** The System the entity belongs to (itself for a System), to tell other Systems apart. */
  homeSystemRef?: string;
}

const lower = (value: unknown) =>
  typeof value === 'string' ? value.trim().toLocaleLowerCase('en') : '';
const ref = (entity: Entity) => stringifyEntityRef(entity);
const isKind = (entity: Entity, kind: string) => lower(entity.kind) === kind;

/** One observation before observations of the same signal are merged. */
interface Finding {
  id: string;
  detail: string;
  message: string;
  entityRef: string;
  source: SignalSource;
}

function familyOf<F extends string>(
  families: readonly F[],
  table: Record<F, string[]>,
  value: string,
): F | undefined {
  return families.find(family => table[family].includes(value));
}

/** The annotation keys of an entity that have a value. */
const annotated = (entity: Entity) =>
  Object.keys(entity.metadata.annotations ?? {}).filter(key =>
    Boolean(entity.metadata.annotations?.[key]),
  );

/** The keys an annotation entry matches: the key itself, or every key under a prefix. */
function keysMatching(entry: AnnotationEntry, keys: string[]): string[] {
  const prefix = entry.key.endsWith('/') || entry.key.endsWith('.');
  return keys.filter(key =>
    prefix ? key.startsWith(entry.key) : key === entry.key,
  );
}

/** Reads the meaning of a `spec.lifecycle`, the kind of workload of a Component `spec.type`. */
export function lifecycleMeaning(
  vocabulary: SignalVocabulary,
  entity: Entity,
): LifecycleMeaning | undefined {
  return familyOf(
    LIFECYCLE_MEANINGS,
    vocabulary.lifecycles,
    lower(entity.spec?.lifecycle),
  );
}

/** The families of Components that run, as opposed to code shipped to others. */
const RUNNING_FAMILIES: readonly WorkloadFamily[] = [
  'service',
  'website',
  'worker',
  'job',
  'function',
];

/** Annotation signals that only a running workload carries: it is deployed, or someone is paged. */
const RUNTIME_ANNOTATION_SIGNALS: readonly string[] = ['kubernetes', 'on-call'];

/**
 * Whether a Component of a type the vocabulary does not know carries annotations that only a
 * running workload carries, so that it counts as a service (a `game-server`, a `gateway`).
 */
function runsAsService(vocabulary: SignalVocabulary, entity: Entity): boolean {
  const keys = annotated(entity);
  return vocabulary.annotations.some(
    entry =>
      RUNTIME_ANNOTATION_SIGNALS.includes(entry.signal) &&
      keysMatching(entry, keys).length > 0,
  );
}

/**
 * The names a hyphenated type may stand for, longest first: the type itself, then without the
 * qualifiers after its first word (`snowflake-db`: `snowflake`) or before its last one
 * (`shared-lib`: `lib`).
 */
function namesWithin(type: string, kept: 'first' | 'last'): string[] {
  const words = type.split('-');
  return words.map((_, dropped) =>
    kept === 'first'
      ? words.slice(0, words.length - dropped).join('-')
      : words.slice(dropped).join('-'),
  );
}

/**
 * The kind of Component a `spec.type` names. A type also matches with a qualifier before a hyphen
 * (`shared-lib`, `nightly-batch`, `event-consumer`), the longest known name first, when no type
 * matches whole: in a compound the last word says what it is.
 */
function typeFamily(
  vocabulary: SignalVocabulary,
  type: string,
): WorkloadFamily | undefined {
  for (const name of namesWithin(type, 'last')) {
    const family = familyOf(WORKLOAD_FAMILIES, vocabulary.componentTypes, name);
    if (family) {
      return family;
    }
  }
  return undefined;
}

/**
 * The kind of Component a `spec.type` names; a type the vocabulary does not know counts as a
 * service when the Component runs on Kubernetes or has on-call.
 */
export function workloadFamily(
  vocabulary: SignalVocabulary,
  entity: Entity,
): WorkloadFamily | undefined {
  if (!isKind(entity, 'component')) {
    return undefined;
  }
  const named = typeFamily(vocabulary, lower(entity.spec?.type));
  if (named) {
    return named;
  }
  return runsAsService(vocabulary, entity) ? 'service' : undefined;
}

/**
 * The kind of infrastructure a Resource's `spec.type` names, and its product name. A type also
 * matches with a qualifier after a hyphen (`snowflake-db`, `db2-zos`), the longest known name
 * first, when no type matches whole.
 */
export function resourceFamily(
  vocabulary: SignalVocabulary,
  entity: Entity,
): { family: ResourceFamily; product: string } | undefined {
  for (const name of namesWithin(lower(entity.spec?.type), 'first')) {
    for (const family of RESOURCE_FAMILIES) {
      const product = vocabulary.resourceTypes[family][name];
      if (product) {
        return { family, product };
      }
    }
  }
  return undefined;
}

const ANNOTATION_MESSAGES: Record<string, (tool: string) => string> = {
  'on-call': tool => `on call through ${tool}`,
  monitoring: tool => `monitored in ${tool}`,
  'error-tracking': tool => `errors tracked in ${tool}`,
  'security-scanning': tool => `scanned for vulnerabilities by ${tool}`,
  'code-quality': tool => `has code quality gates in ${tool}`,
  'gitops-delivery': tool => `deployed by ${tool}`,
  'source-and-ci': tool => `built from ${tool}`,
  kubernetes: () => 'runs on Kubernetes',
  serverless: tool => `runs as a serverless function on ${tool}`,
  'web-performance': tool => `web performance audited by ${tool}`,
  secrets: tool => `reads secrets from ${tool}`,
  'cost-allocation': tool => `carries cloud cost allocation tags for ${tool}`,
  documentation: tool => `publishes ${tool}`,
};

const TAG_MESSAGES: Record<TagSignal, string> = {
  regulated: 'regulated',
  'personal-data': 'holds personal data',
  'business-critical': 'business critical',
  'internet-facing': 'faces the internet',
  'internal-only': 'for internal users only',
  'change-controlled': 'under change control',
  'public-contract': 'public contract',
  'data-processing': 'processes data in bulk',
  identity: 'signs people in',
  'card-data': 'in card data scope',
  'latency-critical': 'latency critical',
  'multi-region': 'runs in several regions',
  analytics: 'serves analytics',
  'build-infrastructure': 'builds and publishes software',
  'special-category-data': 'holds special category (sensitive) personal data',
  'data-sharing': 'shares data beyond the organisation',
  accessibility: 'committed to accessibility',
  'self-hosted': 'runs on hosts of its own',
  'audit-trail': 'keeps an audit trail',
  'machine-learning': 'runs machine learning models',
  'critical-infrastructure':
    'part of critical infrastructure under protection rules',
  'connected-devices': 'talks to a fleet of devices in the field',
  'network-edge': 'routes traffic at the network edge',
  'risk-management': 'under a regime that asks for risk management',
};

const RESOURCE_MESSAGES: Record<ResourceFamily, (product: string) => string> = {
  database: product => `stores data in ${product}`,
  'data-warehouse': product => `analytics data in ${product}`,
  cache: product => `caches in ${product}`,
  'object-storage': product => `keeps objects in ${product}`,
  messaging: product => `passes messages through ${product}`,
  'compute-cluster': product => `runs on ${product}`,
  'file-transfer': product => `exchanges files through ${product}`,
};

const WHERE: Record<SignalSource, string> = {
  own: '',
  inherited: ' (from its System)',
  related: ' (through a Component it depends on)',
};

/** The `public-contract` detail of an API that other Systems consume, whatever its tags say. */
export const SHARED_CONTRACT = 'consumed by other Systems';

function annotationFindings(
  vocabulary: SignalVocabulary,
  entity: Entity,
  source: SignalSource,
): Finding[] {
  const keys = annotated(entity);
  return vocabulary.annotations.flatMap(entry => {
    const matched = keysMatching(entry, keys);
    return matched.length === 0
      ? []
      : [
          {
            id: entry.signal,
            detail: entry.tool,
            message: `${ANNOTATION_MESSAGES[entry.signal](
              entry.tool,
            )} (${matched.join(', ')})`,
            entityRef: ref(entity),
            source,
          },
        ];
  });
}

/** Makes the findings read from an entity's own data. */
const ownFinding =
  (entity: Entity) =>
  (id: string, detail: string, message: string): Finding => ({
    id,
    detail,
    message,
    entityRef: ref(entity),
    source: 'own',
  });

/** Tag signals that a Component inherits from its System, and that a dependency passes on. */
const INHERITED_TAG_SIGNALS: readonly TagSignal[] = [
  'regulated',
  'personal-data',
  'business-critical',
  'internal-only',
  'change-controlled',
  'latency-critical',
  'multi-region',
  'analytics',
  'special-category-data',
  'self-hosted',
  'critical-infrastructure',
];
const RELATED_TAG_SIGNALS: readonly TagSignal[] = [
  'regulated',
  'personal-data',
  'special-category-data',
];
/** Every tag signal but `public-contract`, which only an API's own tags give (`apiFindings`). */
const OWN_TAG_SIGNALS: readonly TagSignal[] = TAG_SIGNALS.filter(
  signal => signal !== 'public-contract',
);

/**
 * The tag signals an entity reads from its own tags and labels. Code shipped rather than run (a
 * library, an app on people's devices) is not business critical, whatever its tier says: there is
 * no running service of ours to recover or keep going, only a build to ship again.
 */
function ownTagSignals(
  vocabulary: SignalVocabulary,
  entity: Entity,
): readonly TagSignal[] {
  const family = workloadFamily(vocabulary, entity);
  return family === 'client' || family === 'library'
    ? OWN_TAG_SIGNALS.filter(signal => signal !== 'business-critical')
    : OWN_TAG_SIGNALS;
}

/**
 * The tag signals a Component takes from its System. Criticality is not taken by code that nothing
 * of ours runs (a library, an app on people's devices), by a Component not in production yet, live
 * for a limited group only or on its way out, nor by a Component whose own label already says how
 * critical it is (`tier: tier-2` in a tier-1 System). Personal data is not taken by a library: it holds none, whatever links it.
 */
function inheritedTagSignals(
  vocabulary: SignalVocabulary,
  entity: Entity,
): readonly TagSignal[] {
  const family = workloadFamily(vocabulary, entity);
  const statesCriticality = criticalityLabel(vocabulary, entity) !== undefined;
  const meaning = lifecycleMeaning(vocabulary, entity);
  const notTaken: TagSignal[] = [];
  if (
    statesCriticality ||
    family === 'client' ||
    family === 'library' ||
    (meaning !== undefined && meaning !== 'production')
  ) {
    notTaken.push('business-critical');
  }
  if (family === 'library') {
    notTaken.push('personal-data', 'special-category-data');
  }
  return INHERITED_TAG_SIGNALS.filter(signal => !notTaken.includes(signal));
}

/** Whether a label key is `key`, or ends in it as its last segment after a prefix (`acme.io/tier`). */
function isLabelKey(labelKey: string, key: string): boolean {
  return labelKey === key || labelKey.endsWith(`/${key}`);
}

/**
 * The entity's labels, then its annotations, as lower-case key and value pairs: organisations put
 * the same facts in either (`acme.io/criticality` as a label or an annotation). Annotations that
 * list tags are left out: their words are read as tags (`listedTags`).
 */
function labelPairs(
  vocabulary: SignalVocabulary,
  entity: Entity,
): Array<readonly [string, string]> {
  const pairs = (record: Record<string, string> | undefined) =>
    Object.entries(record ?? {}).map(
      ([key, value]) => [lower(key), lower(value)] as const,
    );
  return [
    ...pairs(entity.metadata.labels),
    ...pairs(entity.metadata.annotations).filter(
      ([key]) =>
        !vocabulary.tagListAnnotations.some(list => isLabelKey(key, list)),
    ),
  ];
}

/** Words that turn a value into its opposite: `non-critical`, `no-pii`. */
const NEGATIONS = ['non', 'no', 'not'];

/**
 * Whether a label value is one of the vocabulary's, or one with a qualifier after it
 * (`on-prem-dc2`) or before it (`revenue-critical`, `crew-pii`), unless the qualifier negates it
 * (`non-critical`).
 */
function matchesValue(value: string, known: string): boolean {
  if (value === known || value.startsWith(`${known}-`)) {
    return true;
  }
  if (!value.endsWith(`-${known}`)) {
    return false;
  }
  const qualifier = value.slice(0, -known.length - 1).split('-');
  return !qualifier.some(word => NEGATIONS.includes(word));
}

/**
 * The value, lower case, of the entity's first label (or annotation) whose key the vocabulary
 * reads criticality from (`tier`, `service-tier`, `criticality`, … and keys added in config),
 * whatever the value: `tier: tier-2` states a tier as much as `tier: tier-1` does.
 */
export function criticalityLabel(
  vocabulary: SignalVocabulary,
  entity: Entity,
): string | undefined {
  const keys = vocabulary.labels
    .filter(entry => entry.signal === 'business-critical')
    .map(entry => entry.key);
  const label = labelPairs(vocabulary, entity).find(([key]) =>
    keys.some(k => isLabelKey(key, k)),
  );
  return label?.[1] || undefined;
}

/** The words that annotations listing tags (`acme.io/regulatory: gdpr,sox`) list. */
function listedTags(
  vocabulary: SignalVocabulary,
  entity: Entity,
): Array<{ tag: string; said: string }> {
  return Object.entries(entity.metadata.annotations ?? {})
    .filter(([key]) =>
      vocabulary.tagListAnnotations.some(list => isLabelKey(lower(key), list)),
    )
    .flatMap(([key, value]) =>
      lower(value)
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map(tag => ({ tag, said: `${lower(key)} lists ${tag}` })),
    );
}

/**
 * The tags, tags listed in annotations and labels of an entity that give one of the `only`
 * signals, as said to a reader.
 */
function tagMatches(
  vocabulary: SignalVocabulary,
  entity: Entity,
  only: readonly TagSignal[],
): Array<{ signal: TagSignal; detail: string; said: string }> {
  const tags = [
    ...(entity.metadata.tags ?? []).map(tag => ({
      tag: lower(tag),
      said: `tagged ${lower(tag)}`,
    })),
    ...listedTags(vocabulary, entity),
  ];
  const labels = labelPairs(vocabulary, entity);
  const fromTags = only.flatMap(signal =>
    tags
      .filter(({ tag }) => vocabulary.tags[signal].includes(tag))
      .map(({ tag, said }) => ({ signal, detail: tag, said })),
  );
  const fromLabels = vocabulary.labels
    .filter(entry => only.includes(entry.signal))
    .flatMap(entry =>
      labels
        .filter(
          ([key, value]) =>
            isLabelKey(key, entry.key) &&
            entry.values.some(v => matchesValue(value, v)),
        )
        .map(([key, value]) => ({
          signal: entry.signal,
          detail: `${key}=${value}`,
          said: `label ${key}=${value}`,
        })),
    );
  return [...fromTags, ...fromLabels];
}

/** Signals from tags and labels; `only` limits them to some signals. */
function tagFindings(
  vocabulary: SignalVocabulary,
  entity: Entity,
  source: SignalSource,
  only: readonly TagSignal[],
): Finding[] {
  return tagMatches(vocabulary, entity, only).map(
    ({ signal, detail, said }) => ({
      id: signal,
      detail,
      message: `${TAG_MESSAGES[signal]}: ${said}${WHERE[source]}`,
      entityRef: ref(entity),
      source,
    }),
  );
}

/**
 * What another System's tags say of the data its APIs give. A consumer is not in the provider's
 * scope (a token can stand for a card number), so this is a signal of its own, not the provider's
 * regulation passed on.
 */
function providerFindings(
  vocabulary: SignalVocabulary,
  provider: Entity,
): Finding[] {
  return tagMatches(vocabulary, provider, RELATED_TAG_SIGNALS).map(
    ({ detail, said }) => ({
      id: 'consumes-regulated-data',
      detail,
      message: `uses the data of ${provider.metadata.name} through its API: ${said}`,
      entityRef: ref(provider),
      source: 'related',
    }),
  );
}

/**
 * A website that calls no API and depends on nothing serves files built ahead of time: there is no
 * backend to run, page anyone about or break into.
 */
function servesStaticFiles(entity: Entity): boolean {
  return !(entity.relations ?? []).some(
    r => r.type === RELATION_DEPENDS_ON || r.type === RELATION_CONSUMES_API,
  );
}

/** Lifecycle and workload signals of one Component. */
function workloadFindings(
  vocabulary: SignalVocabulary,
  entity: Entity,
): Finding[] {
  const named = workloadFamily(vocabulary, entity);
  // A static site is no workload, but its lifecycle still says where it stands.
  const family =
    named === 'website' && servesStaticFiles(entity) ? undefined : named;
  const meaning = lifecycleMeaning(vocabulary, entity);
  const lifecycle = lower(entity.spec?.lifecycle);
  const type = lower(entity.spec?.type);
  const found = ownFinding(entity);
  const findings: Finding[] = [];
  const running = family && RUNNING_FAMILIES.includes(family);
  if (running && meaning === 'production') {
    findings.push(
      found(
        'production-workload',
        family,
        typeFamily(vocabulary, type)
          ? `runs in production as a ${family}`
          : `runs in production as a ${family} (type ${type}, deployed or paged like one)`,
      ),
    );
  }
  if (family === 'website' && meaning === 'deprecated') {
    findings.push(
      found(
        'legacy-website',
        type,
        `still serves a website on its way out (lifecycle ${lifecycle})`,
      ),
    );
  }
  if (family === 'client' && meaning !== 'deprecated') {
    findings.push(
      found(
        'shipped-client',
        type,
        `shipped to people's devices as an app (type ${type})`,
      ),
    );
  }
  if (family === 'library') {
    findings.push(
      found('library', type, `linked into other builds (type ${type})`),
    );
  }
  if (meaning === 'limited-release') {
    findings.push(
      found(
        'limited-release',
        lifecycle,
        `live for a limited group of users only (lifecycle ${lifecycle})`,
      ),
    );
  }
  if (meaning === 'experimental') {
    findings.push(
      found(
        'experimental',
        lifecycle,
        `not in production yet (lifecycle ${lifecycle})`,
      ),
    );
  }
  if (meaning === 'deprecated') {
    findings.push(
      found('deprecated', lifecycle, `on its way out (lifecycle ${lifecycle})`),
    );
  }
  if (family === 'website' && meaning !== 'deprecated') {
    findings.push(found('website', type, 'serves a website'));
  }
  if (family === 'function') {
    findings.push(
      found('serverless', type, `runs as a serverless function (type ${type})`),
    );
  }
  if (
    isKind(entity, 'component') &&
    vocabulary.tags['data-processing'].includes(type)
  ) {
    findings.push(
      found(
        'data-processing',
        type,
        `${TAG_MESSAGES['data-processing']}: type ${type}`,
      ),
    );
  }
  // Whatever its lifecycle, a workload, app or library is code that someone writes and reviews.
  if (named) {
    findings.push(
      found(
        'source-code',
        type,
        `built from the team's own code (type ${type})`,
      ),
    );
  }
  return findings;
}

function apiFindings(
  vocabulary: SignalVocabulary,
  api: Entity,
  neighbourhood: Neighbourhood,
): Finding[] {
  const found = ownFinding(api);
  const findings = tagFindings(vocabulary, api, 'own', ['public-contract']);
  const others = [
    ...new Set(
      neighbourhood.consumerSystems.get(ref(api).toLocaleLowerCase('en')) ?? [],
    ),
  ].filter(system => system !== neighbourhood.homeSystemRef);
  // An API not live yet promises nothing: those who call it take it as it is.
  if (
    others.length > 0 &&
    lifecycleMeaning(vocabulary, api) !== 'experimental'
  ) {
    findings.push(
      found(
        'public-contract',
        SHARED_CONTRACT,
        `public contract: an API consumed by ${others.length} other System${
          others.length === 1 ? '' : 's'
        }`,
      ),
    );
  }
  if (lifecycleMeaning(vocabulary, api) === 'deprecated') {
    findings.push(
      found(
        'deprecated',
        'api',
        `provides a deprecated API (lifecycle ${lower(api.spec?.lifecycle)})`,
      ),
    );
  }
  return findings;
}

/** Merges findings of the same signal, detail and source into one signal naming every entity. */
function merge(findings: Finding[]): Signal[] {
  const signals = new Map<string, Signal>();
  for (const f of findings) {
    const key = `${f.id}\u0000${f.detail}\u0000${f.source}`;
    const signal = signals.get(key);
    if (!signal) {
      signals.set(key, {
        id: f.id,
        detail: f.detail,
        message: f.message,
        entityRefs: [f.entityRef],
        source: f.source,
      });
    } else if (!signal.entityRefs.includes(f.entityRef)) {
      signal.entityRefs.push(f.entityRef);
    }
  }
  return [...signals.values()];
}

/** The kinds of Resource that hold data, for telling a workload that moves data between them. */
const DATA_STORES: readonly ResourceFamily[] = [
  'database',
  'data-warehouse',
  'object-storage',
  'messaging',
];

/**
 * What the catalog does not say outright: a production website that neither it nor its System
 * marks internal-only faces the internet; a worker, job or function that feeds a data warehouse,
 * or moves data between two data stores, processes data in bulk. A stream or queue counts as a
 * store for a job only: a batch that drains one into a store moves data in bulk, while a worker or
 * function that takes messages one by one handles events.
 */
function inferredFindings(
  vocabulary: SignalVocabulary,
  workloads: Entity[],
  resources: Entity[],
  stated: Finding[],
  systemRef: string,
): Finding[] {
  const internal = new Set(
    stated.filter(f => f.id === 'internal-only').map(f => f.entityRef),
  );
  const stores = resources.flatMap(r => {
    const found = resourceFamily(vocabulary, r);
    return found && DATA_STORES.includes(found.family)
      ? [{ key: ref(r).toLocaleLowerCase('en'), ...found }]
      : [];
  });
  return workloads.flatMap(entity => {
    const family = workloadFamily(vocabulary, entity);
    const found = ownFinding(entity);
    const findings: Finding[] = [];
    if (
      family === 'website' &&
      !servesStaticFiles(entity) &&
      lifecycleMeaning(vocabulary, entity) === 'production' &&
      !internal.has(ref(entity)) &&
      !internal.has(systemRef)
    ) {
      findings.push(
        found(
          'internet-facing',
          'production website',
          `${TAG_MESSAGES['internet-facing']}: a production website not marked internal-only`,
        ),
      );
    }
    const dependsOn = new Set(
      (entity.relations ?? [])
        .filter(r => r.type === RELATION_DEPENDS_ON)
        .map(r => r.targetRef.toLocaleLowerCase('en')),
    );
    const used = stores.filter(
      store =>
        dependsOn.has(store.key) &&
        (store.family !== 'messaging' || family === 'job'),
    );
    const unattended =
      family === 'worker' || family === 'job' || family === 'function';
    if (
      unattended &&
      (used.length >= 2 || used.some(s => s.family === 'data-warehouse'))
    ) {
      findings.push(
        found(
          'data-processing',
          `${family} over data stores`,
          `${TAG_MESSAGES['data-processing']}: a ${family} that depends on ${[
            ...new Set(used.map(s => s.product)),
          ].join(' and ')}`,
        ),
      );
    }
    return findings;
  });
}

/**
 * The named signals of an entity and its neighbourhood, read through the vocabulary: what the
 * entity and its parts say of themselves (annotations, tags, labels, types, lifecycles), what their
 * Resources are, what their APIs promise, what a Component inherits from its System and what the
 * Components it depends on pass on.
 */
export function readSignals(
  vocabulary: SignalVocabulary,
  neighbourhood: Neighbourhood,
): Signal[] {
  const {
    entity,
    parts,
    resources,
    providedApis,
    system,
    dependencies,
    providerSystems = [],
  } = neighbourhood;
  const subjects = [entity, ...parts.filter(p => ref(p) !== ref(entity))];
  const workloads = subjects.filter(
    e => !isKind(e, 'api') && !isKind(e, 'resource'),
  );
  const inherited = system
    ? tagFindings(
        vocabulary,
        system,
        'inherited',
        inheritedTagSignals(vocabulary, entity),
      )
    : [];
  const ownTags = workloads.flatMap(e =>
    tagFindings(vocabulary, e, 'own', ownTagSignals(vocabulary, e)),
  );
  const findings: Finding[] = [
    ...workloads.flatMap(e => annotationFindings(vocabulary, e, 'own')),
    ...ownTags,
    ...workloads.flatMap(e => workloadFindings(vocabulary, e)),
    ...inferredFindings(
      vocabulary,
      workloads,
      resources,
      [...ownTags, ...inherited],
      system ? ref(system) : ref(entity),
    ),
    ...resources.flatMap(resource => {
      const found = resourceFamily(vocabulary, resource);
      const own = [
        ...annotationFindings(vocabulary, resource, 'own'),
        ...tagFindings(vocabulary, resource, 'own', RELATED_TAG_SIGNALS),
      ];
      return found
        ? [
            ...own,
            {
              id: found.family,
              detail: found.product,
              message: RESOURCE_MESSAGES[found.family](found.product),
              entityRef: ref(resource),
              source: 'own' as const,
            },
          ]
        : own;
    }),
    ...providedApis.flatMap(api => apiFindings(vocabulary, api, neighbourhood)),
    ...inherited,
    ...dependencies.flatMap(({ component, system: theirs }) => [
      ...tagFindings(vocabulary, component, 'related', RELATED_TAG_SIGNALS),
      ...(theirs
        ? tagFindings(vocabulary, theirs, 'related', RELATED_TAG_SIGNALS)
        : []),
    ]),
    ...providerSystems
      .filter(
        provider =>
          ref(provider).toLocaleLowerCase('en') !== neighbourhood.homeSystemRef,
      )
      .flatMap(provider => providerFindings(vocabulary, provider)),
  ];
  return merge(findings);
}
