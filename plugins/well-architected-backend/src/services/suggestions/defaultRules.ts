import {
  SuggestionContext,
  SuggestionRule,
} from 'backstage-plugin-well-architected-node';
import {
  evidence,
  names,
  specType,
  subjects,
  tags,
  withAnnotation,
} from './evidence';

function resourcesOfType(types: string[]) {
  return (context: SuggestionContext) =>
    evidence(
      context.resources.filter(r => types.includes(specType(r))),
      matching =>
        matching.length === 1
          ? `depends on Resource ${names(matching)} of type ${specType(
              matching[0],
            )}`
          : `depends on ${matching.length} Resources of type ${[
              ...new Set(matching.map(specType)),
            ].join(' or ')}: ${names(matching)}`,
    );
}

const REGULATED_TAGS = ['pci', 'gdpr', 'pii', 'hipaa', 'sox'];
const BUSINESS_CRITICAL_TIERS = ['0', '1', 'critical'];

/** The rules that ship with the plugin. Every pillar is served by at least one. */
export const defaultSuggestionRules: SuggestionRule[] = [
  {
    id: 'production-services',
    roles: [
      {
        roleId: 'site-reliability-engineer',
        pillarIds: ['operational-excellence', 'reliability'],
      },
      {
        roleId: 'incident-response-manager',
        pillarIds: ['reliability', 'security'],
      },
    ],
    weight: 3,
    evaluate: context =>
      evidence(
        context.parts.filter(
          p =>
            p.kind === 'Component' &&
            specType(p) === 'service' &&
            p.spec?.lifecycle === 'production',
        ),
        matching =>
          matching.length === 1
            ? `${names(matching)} is a production service`
            : `${matching.length} production services: ${names(matching)}`,
      ),
  },
  {
    id: 'on-call',
    roles: [
      {
        roleId: 'incident-response-manager',
        pillarIds: ['operational-excellence'],
      },
      { roleId: 'support-engineer', pillarIds: ['operational-excellence'] },
    ],
    weight: 2,
    evaluate: context =>
      evidence(
        subjects(context).filter(
          withAnnotation([
            'pagerduty.com/integration-key',
            'pagerduty.com/service-id',
            'opsgenie.com/component-selector',
            'opsgenie.com/team',
          ]),
        ),
        matching => `on call through PagerDuty or Opsgenie: ${names(matching)}`,
      ),
  },
  {
    id: 'databases',
    roles: [
      {
        roleId: 'database-administrator',
        pillarIds: ['performance-efficiency'],
      },
      { roleId: 'backup-administrator', pillarIds: ['reliability'] },
    ],
    weight: 3,
    evaluate: resourcesOfType(['database']),
  },
  {
    id: 'object-storage',
    roles: [
      { roleId: 'data-steward', pillarIds: ['security', 'sustainability'] },
      { roleId: 'backup-administrator', pillarIds: ['reliability'] },
    ],
    weight: 2,
    evaluate: resourcesOfType(['s3-bucket', 'bucket', 'storage']),
  },
  {
    id: 'message-queues',
    roles: [{ roleId: 'solutions-architect', pillarIds: ['reliability'] }],
    weight: 2,
    evaluate: resourcesOfType(['queue', 'topic', 'kafka-topic']),
  },
  {
    id: 'compute-clusters',
    roles: [
      {
        roleId: 'devops-engineer',
        pillarIds: ['operational-excellence', 'reliability'],
      },
      { roleId: 'infrastructure-architect', pillarIds: ['sustainability'] },
    ],
    weight: 2,
    evaluate: context =>
      evidence(
        [
          ...context.resources.filter(r =>
            ['kubernetes-cluster', 'cluster'].includes(specType(r)),
          ),
          ...subjects(context).filter(
            withAnnotation(['backstage.io/kubernetes-id']),
          ),
        ],
        matching => `runs on Kubernetes: ${names(matching)}`,
      ),
  },
  {
    id: 'public-apis',
    roles: [
      { roleId: 'api-product-owner', pillarIds: ['reliability'] },
      { roleId: 'security-architect', pillarIds: ['security'] },
    ],
    weight: 3,
    evaluate: context =>
      evidence(
        context.providedApis.filter(api =>
          tags(api).some(t => ['public', 'external', 'partner'].includes(t)),
        ),
        matching => `provides the public API ${names(matching)}`,
      ),
  },
  {
    id: 'regulated-data',
    roles: [
      {
        roleId: 'compliance-officer',
        pillarIds: ['security', 'reliability'],
      },
      { roleId: 'data-protection-officer', pillarIds: ['security'] },
    ],
    weight: 3,
    evaluate: context => {
      const matching = [...subjects(context), ...context.resources].filter(e =>
        tags(e).some(t => REGULATED_TAGS.includes(t)),
      );
      const found = [
        ...new Set(
          matching.flatMap(e =>
            tags(e).filter(t => REGULATED_TAGS.includes(t)),
          ),
        ),
      ].sort();
      return evidence(
        matching,
        m => `tagged ${found.map(t => `\`${t}\``).join(', ')} on ${names(m)}`,
      );
    },
  },
  {
    id: 'cost-allocation',
    roles: [
      { roleId: 'finops-analyst', pillarIds: ['cost-optimization'] },
      { roleId: 'cloud-financial-manager', pillarIds: ['cost-optimization'] },
    ],
    weight: 2,
    evaluate: context =>
      evidence(
        [...subjects(context), ...context.resources].filter(
          withAnnotation(['aws.amazon.com/cost-insights-tags']),
        ),
        matching => `carries cloud cost allocation tags: ${names(matching)}`,
      ),
  },
  {
    id: 'secrets',
    roles: [
      { roleId: 'iam-administrator', pillarIds: ['security'] },
      { roleId: 'security-engineer', pillarIds: ['security'] },
    ],
    weight: 2,
    evaluate: context =>
      evidence(
        subjects(context).filter(withAnnotation(['vault.io/secrets-path'])),
        matching => `reads secrets from Vault: ${names(matching)}`,
      ),
  },
  {
    id: 'code-quality',
    roles: [
      {
        roleId: 'quality-assurance-engineer',
        pillarIds: ['operational-excellence'],
      },
    ],
    weight: 1,
    evaluate: context =>
      evidence(
        subjects(context).filter(withAnnotation(['sonarqube.org/project-key'])),
        matching => `has code quality gates in SonarQube: ${names(matching)}`,
      ),
  },
  {
    id: 'documentation',
    roles: [{ roleId: 'technical-writer', pillarIds: ['reliability'] }],
    weight: 1,
    evaluate: context =>
      evidence(
        subjects(context).filter(withAnnotation(['backstage.io/techdocs-ref'])),
        matching => `publishes TechDocs: ${names(matching)}`,
      ),
  },
  {
    id: 'business-critical',
    roles: [
      { roleId: 'disaster-recovery-manager', pillarIds: ['reliability'] },
      { roleId: 'business-continuity-planner', pillarIds: ['reliability'] },
    ],
    weight: 2,
    evaluate: context =>
      evidence(
        subjects(context).filter(
          e =>
            BUSINESS_CRITICAL_TIERS.includes(
              String(e.metadata.labels?.tier ?? '').toLocaleLowerCase('en'),
            ) || tags(e).includes('customer-facing'),
        ),
        matching =>
          `business critical (tier 0/1 or customer-facing): ${names(matching)}`,
      ),
  },
  {
    id: 'experiments',
    roles: [
      { roleId: 'product-owner', pillarIds: ['operational-excellence'] },
      { roleId: 'data-analyst', pillarIds: ['operational-excellence'] },
    ],
    weight: 1,
    evaluate: context =>
      evidence(
        subjects(context).filter(e => e.spec?.lifecycle === 'experimental'),
        matching => `experimental: ${names(matching)}`,
      ),
  },
  {
    id: 'data-workloads',
    roles: [
      {
        roleId: 'data-engineer',
        pillarIds: ['performance-efficiency', 'sustainability'],
      },
    ],
    weight: 2,
    evaluate: context =>
      evidence(
        subjects(context).filter(
          e =>
            ['batch-job', 'data-pipeline', 'etl'].includes(specType(e)) ||
            tags(e).some(t => ['ml', 'data'].includes(t)),
        ),
        matching => `processes data in bulk: ${names(matching)}`,
      ),
  },
  {
    id: 'websites',
    roles: [
      { roleId: 'performance-engineer', pillarIds: ['performance-efficiency'] },
      { roleId: 'cloud-architect', pillarIds: ['sustainability'] },
    ],
    weight: 1,
    evaluate: context =>
      evidence(
        subjects(context).filter(
          e => e.kind === 'Component' && specType(e) === 'website',
        ),
        matching => `serves a website: ${names(matching)}`,
      ),
  },
];
