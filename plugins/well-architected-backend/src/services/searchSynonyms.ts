/**
 * What people type when they look for a role by the work rather than by its name, and the roles
 * each word finds besides those whose names or responsibilities hold it: the words of the signal
 * vocabulary (paging tools, database engines) for the roles the rules suggest on those signals.
 * A query word is looked up whole, in lower case; the package's README lists this table.
 */
export const ROLE_SEARCH_SYNONYMS: Readonly<Record<string, readonly string[]>> =
  {
    pager: ['incident-response-manager', 'site-reliability-engineer'],
    paging: ['incident-response-manager', 'site-reliability-engineer'],
    pagerduty: ['incident-response-manager', 'site-reliability-engineer'],
    opsgenie: ['incident-response-manager', 'site-reliability-engineer'],
    oncall: ['incident-response-manager', 'site-reliability-engineer'],
    'on-call': ['incident-response-manager', 'site-reliability-engineer'],
    outage: ['incident-response-manager', 'site-reliability-engineer'],
    database: ['database-administrator', 'backup-administrator'],
    databases: ['database-administrator', 'backup-administrator'],
    db: ['database-administrator', 'backup-administrator'],
    sql: ['database-administrator', 'backup-administrator'],
    postgres: ['database-administrator', 'backup-administrator'],
    postgresql: ['database-administrator', 'backup-administrator'],
    mysql: ['database-administrator', 'backup-administrator'],
    restore: ['backup-administrator', 'disaster-recovery-manager'],
    gdpr: ['data-protection-officer', 'compliance-officer'],
    privacy: ['data-protection-officer'],
    docs: ['technical-writer'],
    documentation: ['technical-writer'],
    cost: ['finops-analyst', 'cloud-financial-manager'],
    costs: ['finops-analyst', 'cloud-financial-manager'],
    billing: ['finops-analyst', 'cloud-financial-manager'],
  };
