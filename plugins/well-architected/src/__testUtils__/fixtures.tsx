import {
  CoverageCell,
  CoverageHistoryResponse,
  CoverageResponse,
  CoverageRollUp,
  CoverageRollUpsQuery,
  CoverageRollUpsResponse,
  CoverageState,
  PillarId,
  PillarsResponse,
  Role,
  RolesResponse,
  RuleFeedbackResponse,
  RoleSystemsResponse,
  SuggestionsResponse,
  RoleHolder,
  GroupMembersResponse,
  GroupRolesResponse,
} from 'backstage-plugin-well-architected-common';
import { ReactNode } from 'react';
import { screen } from '@testing-library/react';
import { ResponseError } from '@backstage/errors';
import { SWRConfig } from 'swr';
import { AlertApi, alertApiRef } from '@backstage/core-plugin-api';
import { mockApis } from '@backstage/frontend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { WellArchitectedApi, wellArchitectedApiRef } from '../api';
import { rootRouteRef } from '../routes';

export const pillars: PillarsResponse = {
  items: [
    {
      id: 'security',
      title: 'Security',
      order: 2,
      roleCount: 1,
      categories: [
        {
          id: 'security/governance-oversight',
          pillarId: 'security',
          title: 'Governance & Oversight',
          order: 1,
          roleCount: 1,
        },
      ],
    },
    {
      id: 'reliability',
      title: 'Reliability',
      order: 3,
      roleCount: 2,
      categories: [
        {
          id: 'reliability/engineering-infrastructure',
          pillarId: 'reliability',
          title: 'Engineering & Infrastructure',
          order: 2,
          roleCount: 1,
        },
        {
          id: 'reliability/architecture-api-governance',
          pillarId: 'reliability',
          title: 'Architecture & API Governance',
          order: 5,
          roleCount: 1,
        },
      ],
    },
  ],
};

export const sre: Role = {
  id: 'site-reliability-engineer',
  title: 'Site Reliability Engineer',
  aliases: ['Site Reliability Engineer (SRE)', 'SRE'],
  pillarIds: ['reliability'],
  responsibilities: [
    {
      id: 'reliability/engineering-infrastructure/site-reliability-engineer-sre',
      roleId: 'site-reliability-engineer',
      pillarId: 'reliability',
      categoryId: 'reliability/engineering-infrastructure',
      title: 'Site Reliability Engineer (SRE)',
      description:
        'Monitors and optimizes service health, SLOs, and reduces toil via automation.',
      flags: [],
    },
  ],
};

export const technicalWriter: Role = {
  id: 'technical-writer',
  title: 'Technical Writer',
  aliases: [],
  pillarIds: ['reliability'],
  responsibilities: [
    {
      id: 'reliability/architecture-api-governance/technical-writer',
      roleId: 'technical-writer',
      pillarId: 'reliability',
      categoryId: 'reliability/architecture-api-governance',
      title: 'Technical Writer',
      description:
        'Ensures runbooks and service documentation are clear and up to date (optional, for highly regulated environments).',
      flags: ['highly-regulated-environments'],
    },
  ],
};

export function rolesResponse(items: Role[]): RolesResponse {
  return { items, totalCount: items.length, limit: 500, offset: 0 };
}

/** The members of the reviewer groups of {@link paymentsSuggestions}, by group ref. */
export const groupMembers: Record<string, GroupMembersResponse> = {
  'group:default/payments-team': {
    groupRef: 'group:default/payments-team',
    members: [{ userRef: 'user:default/alice', displayName: 'Alice Adams' }],
    memberCount: 1,
  },
};

export const paymentsSuggestions: SuggestionsResponse = {
  entityRef: 'system:default/payments',
  suggestions: [
    {
      roleId: 'site-reliability-engineer',
      roleTitle: 'Site Reliability Engineer',
      pillarIds: ['security', 'reliability'],
      score: 3,
      confidence: 'strong',
      reasons: [
        {
          ruleId: 'production-workloads',
          signal: 'production-workload',
          message: 'runs in production as a service',
          entityRefs: ['component:default/payments-api'],
        },
      ],
      reviewers: [
        {
          groupRef: 'group:default/payments-team',
          displayName: 'Payments Team',
          sources: ['catalog'],
          closeness: 'owner',
          reason: 'owns it',
        },
        {
          groupRef: 'group:default/sre-team',
          displayName: 'SRE Team',
          sources: ['portal'],
          portalLink: {
            createdBy: 'user:default/bob',
            createdAt: '2026-11-01T10:00:00.000Z',
          },
          closeness: 'elsewhere',
          reason:
            'far from the owner payments-team: not connected to it in the organisation',
        },
      ],
    },
    {
      roleId: 'security-architect',
      roleTitle: 'Security Architect',
      pillarIds: ['security'],
      score: 3,
      confidence: 'strong',
      reasons: [
        {
          ruleId: 'public-apis',
          signal: 'public-contract',
          message: 'public contract: tagged public',
          entityRefs: ['api:default/payments-public-api'],
        },
      ],
      reviewers: [],
    },
  ],
  ownerRef: 'group:default/payments-team',
  gaps: [{ pillarId: 'security', roleIds: ['security-architect'] }],
  uncoveredPillarIds: [
    'operational-excellence',
    'performance-efficiency',
    'cost-optimization',
    'sustainability',
  ],
  inspectedEntityRefs: [
    'system:default/payments',
    'component:default/payments-api',
  ],
  ruleIds: ['production-workloads', 'public-apis'],
  evaluatedAt: '2026-11-30T09:00:00.000Z',
};

/** A cell of the fixtures' coverage: the roles with a reviewer group, and those without. */
function cell(
  pillarId: PillarId,
  state: CoverageState,
  coveredRoleIds: string[] = [],
  missingRoleIds: string[] = [],
): CoverageCell {
  return { pillarId, state, coveredRoleIds, missingRoleIds };
}

function coverageRow(name: string, title: string, cells: CoverageCell[]) {
  return {
    entityRef: `system:default/${name}`,
    name: title,
    ownerRef: 'group:default/payments-team',
    lifecycles: ['production'],
    cells,
    evaluatedAt: '2026-11-30T09:00:00.000Z',
  };
}

/** Coverage of four Systems in the fixtures' two pillars, one in each state for Security. */
export const coverageResponse: CoverageResponse = {
  pillarIds: ['security', 'reliability'],
  tiers: ['tier-1', 'tier-2'],
  totals: [
    { pillarId: 'security', covered: 1, partly: 1, gap: 1, notNeeded: 1 },
    { pillarId: 'reliability', covered: 1, partly: 0, gap: 0, notNeeded: 3 },
  ],
  items: [
    coverageRow('billing', 'Billing Gateway', [
      cell('security', 'gap', [], [technicalWriter.id]),
      cell('reliability', 'not-needed'),
    ]),
    coverageRow('payments', 'payments', [
      cell('security', 'covered', [sre.id]),
      cell('reliability', 'covered', [sre.id]),
    ]),
    coverageRow('search', 'search', [
      cell('security', 'partly', [sre.id], [technicalWriter.id]),
      cell('reliability', 'not-needed'),
    ]),
    coverageRow('wiki', 'wiki', [
      cell('security', 'not-needed'),
      cell('reliability', 'not-needed'),
    ]),
  ],
  totalCount: 4,
  limit: 25,
  offset: 0,
};

/** Three days of history of the fixtures' two pillars: Security's gaps closing. */
export const coverageHistoryResponse: CoverageHistoryResponse = {
  pillarIds: ['security', 'reliability'],
  startsOn: '2026-11-28',
  retentionDays: 400,
  points: [3, 2, 1].map((gap, i) => ({
    day: `2026-11-${28 + i}`,
    totals: [
      { pillarId: 'security', covered: 3 - gap, partly: 1, gap, notNeeded: 0 },
      { pillarId: 'reliability', covered: 1, partly: 0, gap: 0, notNeeded: 3 },
    ],
  })),
};

/** The roll-up of payments-team's Systems: the coverage fixtures' Billing Gateway and search. */
export const paymentsTeamRollUp: CoverageRollUp = {
  scopeRef: 'group:default/payments-team',
  systemCount: 3,
  totals: [
    { pillarId: 'security', covered: 1, partly: 1, gap: 1, notNeeded: 0 },
    { pillarId: 'reliability', covered: 1, partly: 0, gap: 0, notNeeded: 2 },
  ],
  missingRoles: [{ roleId: technicalWriter.id, systemCount: 2 }],
};

/** The coverage rolled up by owner Group: payments-team, and engineering above it. */
export const coverageRollUpsResponse: CoverageRollUpsResponse = {
  by: 'group',
  pillarIds: ['security', 'reliability'],
  items: [
    { ...paymentsTeamRollUp, scopeRef: 'group:default/engineering' },
    paymentsTeamRollUp,
  ],
  totalCount: 2,
  limit: 25,
  offset: 0,
};

/** Where the SRE role is needed: payments has a reviewer group, search has none. */
export const sreSystemsResponse: RoleSystemsResponse = {
  roleId: sre.id,
  items: [
    {
      entityRef: 'system:default/search',
      name: 'search',
      ownerRef: 'group:default/web-team',
      lifecycles: ['production'],
      tier: 'tier-2',
      pillarIds: ['reliability'],
      state: 'gap',
    },
    {
      entityRef: 'system:default/payments',
      name: 'Payments',
      ownerRef: 'group:default/payments-team',
      lifecycles: ['production'],
      pillarIds: ['security', 'reliability'],
      state: 'covered',
      reviewerGroupRef: 'group:default/sre-team',
    },
  ],
  totalCount: 2,
  covered: 1,
  gap: 1,
  limit: 25,
  offset: 0,
};

/** The holders of the SRE role: one from the catalog, one linked in the portal. */
export const ruleFeedbackResponse: RuleFeedbackResponse = {
  items: [
    {
      ruleId: 'production-workloads',
      active: true,
      source: 'default',
      weight: 3,
      roles: [
        {
          roleId: 'site-reliability-engineer',
          pillarIds: ['operational-excellence', 'reliability'],
        },
      ],
      signals: ['monitoring', 'production-workload'],
      suggestions: 4,
      accepted: 2,
      dismissed: {
        total: 1,
        'not-applicable': 1,
        'covered-elsewhere': 0,
        other: 0,
      },
      leftAlone: 1,
    },
    {
      ruleId: 'old-rule',
      active: false,
      source: 'unknown',
      roles: [],
      signals: [],
      suggestions: 0,
      accepted: 0,
      dismissed: {
        total: 2,
        'not-applicable': 0,
        'covered-elsewhere': 1,
        other: 1,
      },
      leftAlone: 0,
    },
  ],
};

export const sreHolders: RoleHolder[] = [
  {
    groupRef: 'group:default/payments-team',
    displayName: 'Payments Team',
    sources: ['catalog'],
  },
  {
    groupRef: 'group:default/sre-team',
    displayName: 'SRE Team',
    sources: ['portal'],
    portalLink: {
      createdBy: 'user:default/bob',
      createdAt: '2026-11-01T10:00:00.000Z',
    },
  },
];

/** The backend's answer for a role id that the dataset does not have. */
export function unknownRoleResponse(roleId: string): Response {
  return new Response(
    JSON.stringify({
      error: {
        name: 'NotFoundError',
        message: `No Well-Architected role '${roleId}'`,
      },
      request: { method: 'GET', url: `/api/well-architected/roles/${roleId}` },
      response: { statusCode: 404 },
    }),
    {
      status: 404,
      statusText: 'Not Found',
      headers: { 'Content-Type': 'application/json' },
    },
  );
}

/** The error the client throws for an error answer of the backend: its status, name and message. */
export function backendError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

/** A mocked API that serves the fixtures. */
export function mockWellArchitectedApi(): jest.Mocked<WellArchitectedApi> {
  return {
    getPillars: jest.fn(async () => pillars),
    listRoles: jest.fn(async () => rolesResponse([sre, technicalWriter])),
    listRoleSummaries: jest.fn(async () => ({
      items: [sre, technicalWriter].map(({ id, title, aliases }) => ({
        id,
        title,
        aliases,
      })),
    })),
    getSuggestions: jest.fn(async (_entityRef: string) => paymentsSuggestions),
    refreshEvaluation: jest.fn(
      async (_entityRef: string) => paymentsSuggestions,
    ),
    decideSuggestion: jest.fn(async (entityRef, roleId, request) => ({
      entityRef,
      roleId,
      ...request,
      decidedBy: 'user:default/guest',
      decidedAt: '2026-12-01T10:00:00.000Z',
    })),
    undoSuggestionDecision: jest.fn(
      async (_entityRef: string, _roleId: string) => {},
    ),
    getCoverage: jest.fn(async () => coverageResponse),
    getCoverageHistory: jest.fn(async () => coverageHistoryResponse),
    exportCoverage: jest.fn(async () => 'system,name\r\n'),
    getRuleFeedback: jest.fn(async () => ruleFeedbackResponse),
    getCoverageRollUps: jest.fn(
      async (query: CoverageRollUpsQuery): Promise<CoverageRollUpsResponse> =>
        query.by === 'group'
          ? coverageRollUpsResponse
          : { ...coverageRollUpsResponse, by: query.by },
    ),
    getCoverageRollUp: jest.fn(async (scopeRef: string) => ({
      pillarIds: coverageRollUpsResponse.pillarIds,
      rollUp: { ...paymentsTeamRollUp, scopeRef },
    })),
    // Suggested nowhere unless a test says where: a role page's other parts stay alone.
    getRoleSystems: jest.fn(
      async (roleId: string): Promise<RoleSystemsResponse> => ({
        ...sreSystemsResponse,
        roleId,
        items: [],
        totalCount: 0,
        covered: 0,
        gap: 0,
      }),
    ),
    getRole: jest.fn(async (roleId: string) => {
      const role = [sre, technicalWriter].find(r => r.id === roleId);
      if (!role) {
        throw await ResponseError.fromResponse(unknownRoleResponse(roleId));
      }
      return role;
    }),
    getRoleGroups: jest.fn(async (roleId: string) => ({
      roleId,
      items: roleId === sre.id ? sreHolders : [],
    })),
    getGroupRoles: jest.fn(
      async (groupRef: string): Promise<GroupRolesResponse> => ({
        groupRef,
        items: [
          {
            roleId: sre.id,
            roleTitle: sre.title,
            pillarIds: sre.pillarIds,
            sources: ['catalog', 'portal'],
            portalLink: sreHolders[1].portalLink,
          },
        ],
        unknownRoleIds: [],
      }),
    ),
    getGroupMembers: jest.fn(
      async (groupRef: string): Promise<GroupMembersResponse> =>
        groupMembers[groupRef] ?? { groupRef, members: [], memberCount: 0 },
    ),
    linkGroup: jest.fn(
      async (_roleId: string, groupRef: string): Promise<RoleHolder> => ({
        groupRef,
        displayName: groupRef,
        sources: ['portal'],
      }),
    ),
    unlinkGroup: jest.fn(async (_roleId: string, _groupRef: string) => {}),
  };
}

function group(name: string, displayName: string, type = 'team'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type, profile: { displayName }, children: [] },
  };
}

/** The Groups of the catalog the tests see. */
export const catalogGroups = [
  group('payments-team', 'Payments Team'),
  group('sre-team', 'SRE Team'),
  group('web-team', 'Web Team'),
  group('engineering', 'Engineering', 'department'),
];

/**
 * The APIs a test app needs: the plugin's (mocked), a catalog with a few Groups, permissions
 * that allow or deny changing links, and alerts.
 */
export function testApis(
  api: WellArchitectedApi = mockWellArchitectedApi(),
  options: { mayChangeLinks?: boolean; alertApi?: AlertApi } = {},
) {
  return [
    [wellArchitectedApiRef, api],
    [alertApiRef, options.alertApi ?? mockApis.alert()],
    [catalogApiRef, catalogApiMock({ entities: catalogGroups })],
    [
      permissionApiRef,
      mockApis.permission({
        authorize:
          options.mayChangeLinks === false
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }),
    ],
  ] as const;
}

/** Where test apps mount the roles page and the catalog's entity pages, which the views link to. */
export const mountedRoutes = {
  '/well-architected': rootRouteRef,
  '/catalog/:namespace/:kind/:name': entityRouteRef,
};

/**
 * Renders children with a permission cache of their own: `usePermission` caches answers across
 * renders, which would carry one test's permissions into the next.
 */
export function FreshPermissions(props: { children: ReactNode }) {
  return (
    <SWRConfig value={{ provider: () => new Map() }}>
      {props.children}
    </SWRConfig>
  );
}

/** The Coverage tab of the roles page, once the page shows the coverage table. */
export async function findCoverageTab(): Promise<HTMLElement> {
  await screen.findByRole('table', { name: 'Coverage of Systems by pillar' });
  return screen.getByRole('tab', { name: 'Coverage' });
}
