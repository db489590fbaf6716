/**
 * The signal vocabulary: how real catalogs spell the facts that the suggestion rules read. Data
 * only; `readSignals` applies it, `vocabulary.test.ts` checks every entry, the backend README lists
 * it, and `wellArchitected.suggestions.vocabulary` extends it.
 */

/** Signals read from annotation keys, whatever their value. */
export const ANNOTATION_SIGNALS = [
  'on-call',
  'monitoring',
  'error-tracking',
  'security-scanning',
  'code-quality',
  'gitops-delivery',
  'source-and-ci',
  'kubernetes',
  'serverless',
  'web-performance',
  'secrets',
  'cost-allocation',
  'documentation',
] as const;

/** Signals read from tags and labels, on the entity, its parts and its System. */
export const TAG_SIGNALS = [
  'regulated',
  'personal-data',
  'business-critical',
  'internet-facing',
  'internal-only',
  'change-controlled',
  'public-contract',
  'data-processing',
  'identity',
  'card-data',
  'latency-critical',
  'multi-region',
  'analytics',
  'build-infrastructure',
  'special-category-data',
  'data-sharing',
  'accessibility',
  'self-hosted',
  'audit-trail',
  'machine-learning',
  'critical-infrastructure',
  'connected-devices',
  'network-edge',
  'risk-management',
] as const;

/**
 * The kinds of Component a `spec.type` names: workloads that run (service, website, worker, job,
 * function) and code that is shipped rather than run by the owner (a client app installed on
 * people's devices, a library linked into other builds).
 */
export const WORKLOAD_FAMILIES = [
  'service',
  'website',
  'worker',
  'job',
  'function',
  'client',
  'library',
] as const;

/**
 * The kinds of infrastructure a Resource `spec.type` names. A `database` is an operational store
 * that a workload reads and writes as it serves (tuned, backed up, restored); a `data-warehouse`
 * is an analytics copy that pipelines load and analysts query; a `file-transfer` endpoint moves
 * files across the organisation's boundary with credentials of its own.
 */
export const RESOURCE_FAMILIES = [
  'database',
  'data-warehouse',
  'cache',
  'object-storage',
  'messaging',
  'compute-cluster',
  'file-transfer',
] as const;

/**
 * What a `spec.lifecycle` means in Backstage, and a meaning real catalogs add between the first
 * two: `limited-release` is live, but for a limited group of real users only (a pilot, a beta).
 */
export const LIFECYCLE_MEANINGS = [
  'production',
  'limited-release',
  'experimental',
  'deprecated',
] as const;

/** Signals read from what types, lifecycles and relations mean together (see `readSignals`). */
export const DERIVED_SIGNALS = [
  'production-workload',
  'limited-release',
  'experimental',
  'deprecated',
  'website',
  'consumes-regulated-data',
  'shipped-client',
  'library',
  'legacy-website',
  'source-code',
] as const;

/** Every signal `readSignals` can give: what rules, and rules from config, can name. */
export const SIGNAL_IDS = [
  ...new Set([
    ...DERIVED_SIGNALS,
    ...ANNOTATION_SIGNALS,
    ...TAG_SIGNALS,
    ...RESOURCE_FAMILIES,
  ]),
] as [string, ...string[]];

/** A signal read from annotation keys. */
export type AnnotationSignal = (typeof ANNOTATION_SIGNALS)[number];
/** A signal read from tags and labels. */
export type TagSignal = (typeof TAG_SIGNALS)[number];
/** A kind of workload. */
export type WorkloadFamily = (typeof WORKLOAD_FAMILIES)[number];
/** A kind of infrastructure. */
export type ResourceFamily = (typeof RESOURCE_FAMILIES)[number];
/** A lifecycle meaning. */
export type LifecycleMeaning = (typeof LIFECYCLE_MEANINGS)[number];

/** One annotation key (or a prefix ending in `/` or `.`), the signal it gives and the tool's name. */
export interface AnnotationEntry {
  key: string;
  signal: AnnotationSignal;
  tool: string;
}

/**
 * One label key and the values that give a signal. The key also matches as the last segment of a
 * prefixed key (`tier` matches `acme.io/tier`), and a value with a qualifier after a hyphen
 * (`on-prem` matches `on-prem-dc2`).
 */
export interface LabelEntry {
  key: string;
  values: string[];
  signal: TagSignal;
}

/** The whole vocabulary; all strings lower case. */
export interface SignalVocabulary {
  annotations: AnnotationEntry[];
  tags: Record<TagSignal, string[]>;
  /**
   * Annotation keys whose value lists tags, separated by commas or spaces (`acme.io/regulatory:
   * gdpr,sox`); each listed word is read as a tag. A key also matches as the last segment of a
   * prefixed key, as a label key does.
   */
  tagListAnnotations: string[];
  labels: LabelEntry[];
  componentTypes: Record<WorkloadFamily, string[]>;
  resourceTypes: Record<ResourceFamily, Record<string, string>>;
  lifecycles: Record<LifecycleMeaning, string[]>;
}

/**
 * The annotation entries of each signal's tools, written as signal → tool → keys, in that order.
 */
function annotationsByTool(
  signals: Partial<Record<AnnotationSignal, Record<string, string[]>>>,
): AnnotationEntry[] {
  return Object.entries(signals).flatMap(([signal, tools]) =>
    Object.entries(tools ?? {}).flatMap(([tool, keys]) =>
      keys.map(key => ({ key, signal: signal as AnnotationSignal, tool })),
    ),
  );
}

/** Data classifications that mean an entity holds personal data. */
const PERSONAL_DATA_CLASSES = [
  'pii',
  'phi',
  'personal',
  'confidential',
  'sensitive',
  'restricted',
];

/** A label key and the values of it that give `signal`. */
const labelValues = (
  signal: TagSignal,
  key: string,
  values: string[],
): LabelEntry => ({ key, values, signal });

/** The vocabulary that ships with the plugin. */
export const defaultVocabulary: SignalVocabulary = {
  annotations: annotationsByTool({
    'on-call': {
      PagerDuty: ['pagerduty.com/integration-key', 'pagerduty.com/service-id'],
      Opsgenie: ['opsgenie.com/team', 'opsgenie.com/component-selector'],
      'Splunk On-Call': [
        'splunk.com/on-call-team',
        'splunk.com/on-call-routing-key',
      ],
      FireHydrant: ['firehydrant.com/service-name'],
      iLert: ['ilert.com/integration-key'],
    },
    monitoring: {
      Datadog: ['datadoghq.com/'],
      Prometheus: ['prometheus.io/'],
      Grafana: ['grafana/'],
      'New Relic': ['newrelic.com/'],
      Dynatrace: ['dynatrace.com/'],
    },
    'error-tracking': {
      Sentry: ['sentry.io/project-slug'],
      Rollbar: ['rollbar.com/project-slug'],
      Bugsnag: ['bugsnag.com/project-key'],
    },
    'security-scanning': {
      Snyk: ['snyk.io/'],
    },
    'code-quality': {
      SonarQube: ['sonarqube.org/project-key'],
    },
    'gitops-delivery': {
      'Argo CD': ['argocd/app-name', 'argocd/app-selector'],
    },
    'source-and-ci': {
      GitHub: ['github.com/project-slug'],
      GitLab: ['gitlab.com/project-slug', 'gitlab.com/project-id'],
      'Azure DevOps': ['dev.azure.com/project-repo'],
      Jenkins: ['jenkins.io/job-full-name'],
      CircleCI: ['circleci.com/project-slug'],
      Buildkite: ['buildkite.com/project-slug'],
    },
    kubernetes: {
      Kubernetes: [
        'backstage.io/kubernetes-id',
        'backstage.io/kubernetes-label-selector',
      ],
    },
    serverless: {
      'AWS Lambda': ['aws.com/lambda-function-name'],
    },
    'web-performance': {
      Lighthouse: ['lighthouse.com/website-url'],
    },
    secrets: {
      Vault: ['vault.io/secrets-path'],
    },
    'cost-allocation': {
      'Cost Insights': ['aws.amazon.com/cost-insights-tags'],
    },
    documentation: {
      TechDocs: ['backstage.io/techdocs-ref'],
    },
  }),
  tagListAnnotations: [
    'regulatory',
    'regulation',
    'regulations',
    'compliance',
    'compliance-scope',
  ],
  tags: {
    regulated: [
      'pci',
      'pci-dss',
      'sox',
      'hipaa',
      'gdpr',
      'pii',
      'phi',
      'fedramp',
      'iso27001',
      'soc2',
      'coppa',
      'ccpa',
      'glba',
      'ferpa',
      'psd2',
      'dora',
      'nis2',
      'statutory',
      'regulated',
      'special-category',
      'cpra',
      'lgpd',
      'pipeda',
      'popia',
      'nerc-cip',
      'bes-cyber-system',
      'easa',
      'faa',
      'safety-critical',
      'safety-related',
      'ferc',
      'solvency-ii',
      'solvency2',
      'solvency-2',
      'ifrs',
      'ifrs17',
      'ifrs-17',
      'ifrs9',
      'ifrs-9',
      'idd',
      'mifid',
      'mifid2',
      'mifid-ii',
      'emir',
      'basel',
      'basel-iii',
      'basel-iv',
      'aml',
      'amld',
      'eu-ai-act',
      'ai-act',
      'regulatory-reporting',
    ],
    'personal-data': [
      'gdpr',
      'pii',
      'phi',
      'hipaa',
      'personal-data',
      'customer-data',
      'patient-data',
      'user-data',
      'personal-information',
      'special-category',
      'sensitive-personal-data',
      'health-data',
      'customer-pii',
      'employee-pii',
      'ccpa',
      'cpra',
      'lgpd',
      'pipeda',
      'popia',
      'location-data',
      'geolocation',
      'geolocation-data',
    ],
    'business-critical': [
      'customer-facing',
      'business-critical',
      'mission-critical',
      'tier-0',
      'tier-1',
      'tier0',
      'tier1',
    ],
    'internet-facing': [
      'internet-facing',
      'internet',
      'partner-facing',
      'public-facing',
      'public',
      'external',
      'edge',
      'citizen-facing',
      'consumer-facing',
    ],
    'internal-only': [
      'internal-only',
      'internal',
      'intranet',
      'staff-only',
      'employee-facing',
      'staff-facing',
      'back-office',
      'backoffice',
    ],
    'change-controlled': [
      'sox',
      'soc2',
      'soc-2',
      'itgc',
      'nerc-cip',
      'bes-cyber-system',
    ],
    'public-contract': [
      'public',
      'external',
      'partner',
      'public-api',
      'partner-api',
      'external-api',
      'internet-facing',
      'open-data',
    ],
    identity: [
      'oauth',
      'oauth2',
      'oidc',
      'openid-connect',
      'sso',
      'saml',
      'authentication',
      'identity-provider',
      'idp',
      'iam',
      'identity',
      'mfa',
      'login',
      'sign-in',
    ],
    'card-data': ['pci', 'pci-dss', 'cardholder-data', 'card-data'],
    'latency-critical': [
      'realtime',
      'real-time',
      'latency-sensitive',
      'latency-critical',
      'low-latency',
      'high-throughput',
      'high-performance',
      'high-volume',
      'udp',
    ],
    'multi-region': [
      'multi-region',
      'multiregion',
      'geo-distributed',
      'active-active',
    ],
    analytics: [
      'analytics',
      'telemetry',
      'business-intelligence',
      'bi',
      'reporting',
      'dashboards',
    ],
    'build-infrastructure': [
      'ci',
      'ci-cd',
      'cicd',
      'build-farm',
      'build-system',
      'build-infrastructure',
      'ci-runners',
      'jenkins',
    ],
    'special-category-data': [
      'special-category',
      'special-category-data',
      'sensitive-personal-data',
      'health-data',
      'medical-data',
      'biometric',
      'biometric-data',
      'genetic-data',
      'criminal-records',
    ],
    'data-sharing': [
      'data-sharing',
      'data-exchange',
      'open-data',
      'data-publication',
    ],
    accessibility: [
      'accessibility',
      'a11y',
      'wcag',
      'wcag-2-1',
      'wcag-2-2',
      'wcag21',
      'wcag22',
      'section-508',
      'section508',
    ],
    'self-hosted': [
      'on-prem',
      'on-premises',
      'on-premise',
      'onprem',
      'self-hosted',
      'bare-metal',
      'data-centre',
      'datacenter',
      'mainframe',
      'z-os',
      'zos',
      'as400',
      'ibm-i',
      'windows-server',
      'vmware',
      'scada',
      'ics',
      'plc',
      'dcs',
      'operational-technology',
      'industrial-control',
    ],
    'machine-learning': [
      'ml',
      'machine-learning',
      'mlops',
      'ai',
      'model-training',
      'data-science',
    ],
    'audit-trail': [
      'audit',
      'audit-log',
      'audit-logging',
      'audit-trail',
      'siem',
      'security-logging',
    ],
    'critical-infrastructure': [
      'nerc-cip',
      'bes-cyber-system',
      'critical-infrastructure',
      'cni',
      'iec-62443',
    ],
    'connected-devices': [
      'iot',
      'iiot',
      'connected-devices',
      'device-fleet',
      'telematics',
      'ami',
      'smart-metering',
      'smart-meters',
      'ocpp',
    ],
    'network-edge': [
      'edge',
      'api-gateway',
      'waf',
      'cdn',
      'load-balancer',
      'reverse-proxy',
      'ingress',
    ],
    // Regimes that ask for a risk management function to own the risks of what is in scope:
    // prudential supervision (Solvency II, Basel), ICT risk (DORA) and model risk (the EU AI
    // Act's high-risk systems, model risk management).
    'risk-management': [
      'solvency-ii',
      'solvency2',
      'solvency-2',
      'orsa',
      'dora',
      'basel',
      'basel-iii',
      'basel-iv',
      'operational-resilience',
      'model-risk',
      'model-risk-management',
      'model-governance',
      'sr-11-7',
      'eu-ai-act',
      'ai-act',
    ],
    'data-processing': [
      'etl',
      'elt',
      'spark',
      'pyspark',
      'airflow',
      'dagster',
      'prefect',
      'dbt',
      'flink',
      'beam',
      'streaming',
      'stream-processing',
      'ml',
      'machine-learning',
      'mlops',
      'data-pipeline',
      'big-data',
      'hadoop',
      'kafka-streams',
      'high-volume',
      'ingestion',
    ],
  },
  labels: [
    labelValues('business-critical', 'tier', [
      '0',
      '1',
      'critical',
      'tier-0',
      'tier-1',
      'tier0',
      'tier1',
      't0',
      't1',
    ]),
    labelValues('business-critical', 'service-tier', [
      '0',
      '1',
      'critical',
      'tier-0',
      'tier-1',
    ]),
    labelValues('self-hosted', 'hosting', [
      'on-prem',
      'on-premises',
      'onprem',
      'mainframe',
      'datacentre',
      'datacenter',
      'data-centre',
      'self-hosted',
      'bare-metal',
    ]),
    labelValues('self-hosted', 'hosted-on', [
      'on-prem',
      'on-premises',
      'onprem',
      'mainframe',
      'bare-metal',
    ]),
    labelValues('business-critical', 'criticality', ['critical', 'high']),
    labelValues('business-critical', 'business-criticality', [
      'critical',
      'high',
    ]),
    labelValues('regulated', 'compliance', [
      'pci',
      'pci-dss',
      'sox',
      'hipaa',
      'gdpr',
      'soc2',
    ]),
    labelValues('personal-data', 'data-classification', [
      ...PERSONAL_DATA_CLASSES,
      'customer-data',
    ]),
    labelValues('personal-data', 'data-class', PERSONAL_DATA_CLASSES),
    // A NERC CIP impact rating: a system in scope is regulated and under change control.
    ...(
      ['critical-infrastructure', 'regulated', 'change-controlled'] as const
    ).map(signal => ({
      key: 'cip-impact',
      values: ['high', 'medium'],
      signal,
    })),
    labelValues('internet-facing', 'exposure', [
      'public',
      'internet',
      'internet-facing',
      'external',
    ]),
    labelValues('internal-only', 'exposure', [
      'internal',
      'internal-only',
      'private',
      'intranet',
    ]),
    labelValues('change-controlled', 'compliance', ['sox', 'soc2']),
    labelValues('card-data', 'compliance', ['pci', 'pci-dss']),
  ],
  componentTypes: {
    service: [
      'service',
      'backend',
      'microservice',
      'api',
      'grpc-service',
      'backend-service',
      'integration',
      'adapter',
      'connector',
      'gateway',
      'mainframe',
      'application',
    ],
    website: [
      'website',
      'frontend',
      'web',
      'webapp',
      'web-app',
      'spa',
      'single-page-app',
    ],
    worker: ['worker', 'consumer', 'daemon', 'stream-processor', 'processor'],
    job: [
      'job',
      'batch',
      'batch-job',
      'cronjob',
      'cron',
      'scheduled-job',
      'data-pipeline',
      'etl',
      'pipeline',
    ],
    function: ['function', 'lambda', 'serverless', 'cloud-function', 'faas'],
    client: [
      'mobile-app',
      'mobile',
      'ios-app',
      'android-app',
      'desktop-app',
      'desktop',
      'game-client',
      'native-app',
    ],
    library: ['library', 'lib', 'sdk', 'client-sdk', 'package', 'module'],
  },
  resourceTypes: {
    database: {
      database: 'a database',
      db: 'a database',
      db2: 'Db2',
      'ibm-db2': 'Db2',
      postgres: 'PostgreSQL',
      postgresql: 'PostgreSQL',
      'aurora-postgresql': 'Aurora PostgreSQL',
      aurora: 'Aurora',
      rds: 'Amazon RDS',
      'aws-rds': 'Amazon RDS',
      'rds-postgres': 'Amazon RDS',
      'rds-mysql': 'Amazon RDS',
      'aws-aurora': 'Aurora',
      'aws-dynamodb': 'DynamoDB',
      'azure-sql': 'Azure SQL',
      mysql: 'MySQL',
      mariadb: 'MariaDB',
      oracle: 'Oracle',
      'oracle-db': 'Oracle',
      sqlserver: 'SQL Server',
      mssql: 'SQL Server',
      dynamodb: 'DynamoDB',
      mongodb: 'MongoDB',
      mongo: 'MongoDB',
      cassandra: 'Cassandra',
      cockroachdb: 'CockroachDB',
      cosmosdb: 'Cosmos DB',
      'cosmos-db': 'Cosmos DB',
      spanner: 'Cloud Spanner',
      'cloud-sql': 'Cloud SQL',
      firestore: 'Firestore',
      bigtable: 'Bigtable',
      neo4j: 'Neo4j',
      elasticsearch: 'Elasticsearch',
      opensearch: 'OpenSearch',
      timescaledb: 'TimescaleDB',
      influxdb: 'InfluxDB',
    },
    'data-warehouse': {
      'data-warehouse': 'a data warehouse',
      snowflake: 'Snowflake',
      bigquery: 'BigQuery',
      'bigquery-dataset': 'BigQuery',
      redshift: 'Redshift',
      synapse: 'Azure Synapse',
      databricks: 'Databricks',
      clickhouse: 'ClickHouse',
      'data-lake': 'a data lake',
      datalake: 'a data lake',
      lakehouse: 'a lakehouse',
      adls: 'Azure Data Lake Storage',
    },
    cache: {
      cache: 'a cache',
      redis: 'Redis',
      'redis-cache': 'Redis',
      'azure-cache-for-redis': 'Azure Cache for Redis',
      memcached: 'Memcached',
      elasticache: 'ElastiCache',
      valkey: 'Valkey',
    },
    'object-storage': {
      's3-bucket': 'Amazon S3',
      s3: 'Amazon S3',
      bucket: 'a bucket',
      storage: 'object storage',
      'object-storage': 'object storage',
      gcs: 'Google Cloud Storage',
      'gcs-bucket': 'Google Cloud Storage',
      'azure-blob': 'Azure Blob Storage',
      'blob-storage': 'blob storage',
      'azure-blob-storage': 'Azure Blob Storage',
      'storage-account': 'an Azure storage account',
      minio: 'MinIO',
    },
    messaging: {
      queue: 'a queue',
      topic: 'a topic',
      'kafka-topic': 'Kafka',
      kafka: 'Kafka',
      sqs: 'Amazon SQS',
      sns: 'Amazon SNS',
      kinesis: 'Kinesis',
      pubsub: 'Pub/Sub',
      'pubsub-topic': 'Pub/Sub',
      rabbitmq: 'RabbitMQ',
      'event-hub': 'Event Hubs',
      eventhub: 'Event Hubs',
      nats: 'NATS',
      'service-bus': 'Service Bus',
      servicebus: 'Service Bus',
      'azure-service-bus': 'Service Bus',
      'ibm-mq': 'IBM MQ',
      activemq: 'ActiveMQ',
      eventbridge: 'EventBridge',
      msk: 'Amazon MSK',
    },
    'compute-cluster': {
      'kubernetes-cluster': 'Kubernetes',
      cluster: 'a cluster',
      eks: 'Amazon EKS',
      gke: 'GKE',
      aks: 'AKS',
      'ecs-cluster': 'Amazon ECS',
      'nomad-cluster': 'Nomad',
      ec2: 'Amazon EC2',
      'aws-ec2': 'Amazon EC2',
      'spot-fleet': 'an EC2 spot fleet',
      'ec2-spot-fleet': 'an EC2 spot fleet',
      'aws-ec2-spot-fleet': 'an EC2 spot fleet',
      'autoscaling-group': 'an auto scaling group',
      'aws-autoscaling-group': 'an auto scaling group',
      'vm-scale-set': 'an Azure VM scale set',
      'instance-group': 'a Compute Engine instance group',
    },
    'file-transfer': {
      sftp: 'SFTP',
      ftps: 'FTPS',
      ftp: 'FTP',
      'sftp-server': 'SFTP',
      'aws-transfer-family': 'AWS Transfer Family',
      mft: 'managed file transfer',
      'managed-file-transfer': 'managed file transfer',
      'connect-direct': 'Connect:Direct',
    },
  },
  lifecycles: {
    production: [
      'production',
      'prod',
      'live',
      'ga',
      'general-availability',
      'stable',
      'mature',
      'released',
      'in-service',
      'in-production',
      'operational',
    ],
    'limited-release': [
      'pilot',
      'beta',
      'preview',
      'early-access',
      'limited-availability',
      'limited-release',
      'trial',
    ],
    experimental: [
      'experimental',
      'alpha',
      'poc',
      'prototype',
      'sandbox',
      'development',
      'incubating',
    ],
    deprecated: [
      'deprecated',
      'retired',
      'sunset',
      'sunsetting',
      'end-of-life',
      'eol',
      'legacy',
      'retiring',
      'decommissioning',
      'decommissioned',
      'phasing-out',
      'phase-out',
      'end-of-support',
    ],
  },
};
