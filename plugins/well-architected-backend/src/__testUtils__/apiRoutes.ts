import {
  evaluationRefreshPermission,
  roleLinkCreatePermission,
  roleLinkDeletePermission,
  ruleFeedbackReadPermission,
  suggestionDecidePermission,
} from 'backstage-plugin-well-architected-common';
import { spec } from '../schema/openapi/generated/router';

/**
 * One request to a route. `params` and `query` are plain values that {@link urlOf} encodes;
 * `rawParams` and `rawQuery` go into the URL as written, to send what no client would encode,
 * such as a broken percent escape or a repeated parameter.
 */
export interface ApiRequest {
  params?: Record<string, string>;
  rawParams?: Record<string, string>;
  query?: Record<string, string>;
  rawQuery?: string;
  /** A JSON body. */
  body?: object;
}

/** What the tests send one operation of the OpenAPI document. */
interface RouteCases {
  /** A request that succeeds against the example catalog and the bundled dataset. */
  valid: ApiRequest;
  /** Requests with a malformed parameter; each must be answered with 400. */
  malformed: ApiRequest[];
  /** Well-formed requests that get another documented answer, such as 404 or 409. */
  others: Array<{ request: ApiRequest; status: number }>;
  /** The permission the route needs: every change, and the rule feedback among the reads. */
  permission?: string;
}

/** One operation of the OpenAPI document, with what the tests send it. */
export interface ApiRoute extends RouteCases {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path as the document writes it. */
  path: string;
  /** The query parameters the operation takes. */
  queryNames: string[];
  /** Whether answers carry an ETag and revalidate with If-None-Match. */
  etag: boolean;
  /** Whether its success is JSON (the CSV export's is not). */
  json: boolean;
}

type Paths = typeof spec.paths;
/** The `operationId` of every operation in the document. */
type OperationId = {
  [P in keyof Paths]: {
    [M in keyof Paths[P]]: Paths[P][M] extends { operationId: infer O }
      ? O
      : never;
  }[keyof Paths[P]];
}[keyof Paths];

const roleId = 'incident-response-manager';
const groupRef = 'group:default/sre-team';
const badRoleIds: ApiRequest[] = [
  { params: { roleId: 'Site Reliability Engineer' } },
  { params: { roleId: 'a'.repeat(129) } },
  { rawParams: { roleId: '%zz' } },
];
const badGroupRefs: ApiRequest[] = [
  { params: { groupRef: 'group:' } },
  { params: { groupRef: 'component:default/payments-api' } },
  { params: { groupRef: 'group:default/sre\u0000team' } },
  { params: { groupRef: `group:default/${'a'.repeat(64)}` } },
  { rawParams: { groupRef: '%E0%A4%A' } },
];

/** A suggestion of the example catalog that no group holds, and a dismissal of it. */
const decision = {
  entityRef: 'system:default/payments',
  roleId: 'incident-response-manager',
};
const dismissal = { decision: 'dismissed', reason: 'not-applicable' };

/** By operation: the operation ids are the document's, and each one needs its cases. */
const cases: Record<OperationId, RouteCases> = {
  getPillars: {
    valid: {},
    malformed: [{ query: { sort: 'title' } }],
    others: [],
  },
  listRoles: {
    valid: { query: { pillar: 'security', q: 'sre', limit: '10' } },
    malformed: [
      { query: { pillar: 'safety' } },
      { query: { category: 'security/nope' } },
      { query: { q: 'x'.repeat(201) } },
      { query: { limit: '0' } },
      { query: { limit: '501' } },
      { query: { limit: '1.5' } },
      { query: { offset: '-1' } },
      { query: { sort: 'title' } },
      { rawQuery: 'q=a&q=b' },
      { rawQuery: 'pillar[$ne]=security' },
    ],
    others: [],
  },
  listRoleSummaries: {
    valid: {},
    malformed: [{ query: { fields: 'id' } }],
    others: [],
  },
  getRole: {
    valid: { params: { roleId } },
    malformed: badRoleIds,
    others: [{ request: { params: { roleId: 'no-such-role' } }, status: 404 }],
  },
  getRoleGroups: {
    valid: { params: { roleId } },
    malformed: badRoleIds,
    others: [{ request: { params: { roleId: 'no-such-role' } }, status: 404 }],
  },
  getRoleSystems: {
    valid: {
      params: { roleId },
      query: { owner: 'group:default/platform', state: 'gap', limit: '10' },
    },
    malformed: [
      ...badRoleIds,
      { params: { roleId }, query: { owner: 'platform' } },
      { params: { roleId }, query: { state: 'partly' } },
      { params: { roleId }, query: { pillar: 'security' } },
      { params: { roleId }, query: { limit: '0' } },
      { params: { roleId }, rawQuery: 'state=gap&state=covered' },
    ],
    others: [{ request: { params: { roleId: 'no-such-role' } }, status: 404 }],
  },
  linkRoleToGroup: {
    valid: { params: { roleId, groupRef } },
    malformed: [
      ...badRoleIds.map(r => ({ ...r, params: { groupRef, ...r.params } })),
      ...badGroupRefs.map(r => ({ ...r, params: { roleId, ...r.params } })),
    ],
    others: [
      { request: { params: { roleId, groupRef: 'sre-team' } }, status: 200 },
      {
        request: { params: { roleId, groupRef: 'group:default/no-such-team' } },
        status: 404,
      },
      {
        request: { params: { roleId: 'no-such-role', groupRef } },
        status: 404,
      },
    ],
    permission: roleLinkCreatePermission.name,
  },
  unlinkRoleFromGroup: {
    valid: { params: { roleId, groupRef } },
    malformed: [
      ...badRoleIds.map(r => ({ ...r, params: { groupRef, ...r.params } })),
      ...badGroupRefs.map(r => ({ ...r, params: { roleId, ...r.params } })),
    ],
    others: [
      { request: { params: { roleId, groupRef: 'web-team' } }, status: 404 },
      {
        request: { params: { roleId: 'site-reliability-engineer', groupRef } },
        status: 409,
      },
    ],
    permission: roleLinkDeletePermission.name,
  },
  getGroupRoles: {
    valid: { params: { groupRef } },
    malformed: badGroupRefs,
    others: [
      { request: { params: { groupRef: 'no-such-team' } }, status: 404 },
    ],
  },
  getGroupMembers: {
    valid: { params: { groupRef } },
    malformed: badGroupRefs,
    others: [
      { request: { params: { groupRef: 'no-such-team' } }, status: 404 },
    ],
  },
  getSuggestions: {
    valid: { query: { entityRef: 'system:default/payments' } },
    malformed: [
      {},
      { query: { entityRef: '' } },
      { query: { entityRef: 'payments' } },
      { query: { entityRef: `system:default/${'a'.repeat(500)}` } },
      { query: { entityRef: 'system:default/payments', kind: 'system' } },
      { rawQuery: 'entityRef[]=system:default/payments' },
    ],
    others: [
      { request: { query: { entityRef: 'system:default/nope' } }, status: 404 },
    ],
  },
  getCoverage: {
    valid: {
      query: {
        owner: 'group:default/platform',
        pillar: 'security',
        sort: 'gaps',
        limit: '10',
      },
    },
    malformed: [
      { query: { owner: 'platform' } },
      { query: { domain: 'domain:default/a\u0000b' } },
      { query: { lifecycle: '' } },
      { query: { pillar: 'safety' } },
      { query: { sort: 'score' } },
      { query: { q: 'x'.repeat(201) } },
      { query: { limit: '0' } },
      { query: { offset: '-1' } },
      { query: { tier: '' } },
      { query: { tier: 'x'.repeat(65) } },
      { query: { tiers: 'tier-1' } },
      { rawQuery: 'pillar=security&pillar=reliability' },
    ],
    others: [],
  },
  refreshEvaluation: {
    valid: { params: { entityRef: decision.entityRef } },
    malformed: [
      { params: { entityRef: 'payments' } },
      { params: { entityRef: 'group:default/sre-team' } },
      { params: { entityRef: 'system:default/a\u0000b' } },
      { params: { entityRef: `system:default/${'a'.repeat(500)}` } },
      { rawParams: { entityRef: '%E0%A4%A' } },
    ],
    others: [
      {
        request: { params: { entityRef: 'system:default/nope' } },
        status: 404,
      },
    ],
    permission: evaluationRefreshPermission.name,
  },
  decideSuggestion: {
    valid: {
      params: decision,
      body: { decision: 'accepted', groupRef: 'sre-team' },
    },
    malformed: [
      { params: decision },
      { params: decision, body: { decision: 'accepted' } },
      { params: decision, body: { decision: 'dismissed', reason: 'nope' } },
      {
        params: decision,
        body: { decision: 'dismissed', reason: 'other', text: 'x'.repeat(501) },
      },
      {
        params: decision,
        body: {
          decision: 'dismissed',
          reason: 'not-applicable',
          expiresAt: 'tomorrow',
        },
      },
      {
        params: decision,
        body: { decision: 'dismissed', reason: 'covered-elsewhere' },
      },
      {
        params: decision,
        body: {
          decision: 'dismissed',
          reason: 'covered-elsewhere',
          where: 'the sre\u0000guild',
        },
      },
      ...badRoleIds.map(r => ({ ...r, body: dismissal })),
      { params: { entityRef: 'payments' }, body: dismissal },
      { params: { entityRef: 'group:default/sre-team' }, body: dismissal },
    ],
    others: [
      {
        request: {
          params: { ...decision, entityRef: 'system:default/nope' },
          body: dismissal,
        },
        status: 404,
      },
      {
        request: {
          params: { ...decision, roleId: 'technical-writer' },
          body: dismissal,
        },
        status: 404,
      },
      {
        request: { params: decision, body: dismissal },
        status: 200,
      },
    ],
    permission: suggestionDecidePermission.name,
  },
  undoSuggestionDecision: {
    valid: { params: decision },
    malformed: [
      ...badRoleIds,
      { params: { entityRef: 'system:default/a\u0000b' } },
    ],
    others: [{ request: { params: decision }, status: 404 }],
    permission: suggestionDecidePermission.name,
  },
  getRuleFeedback: {
    valid: {},
    malformed: [{ query: { ruleId: 'databases' } }],
    others: [],
    permission: ruleFeedbackReadPermission.name,
  },
  exportCoverage: {
    valid: { query: { domain: 'domain:default/commerce', sort: 'gaps' } },
    malformed: [
      { query: { owner: 'platform' } },
      { query: { pillar: 'safety' } },
      { query: { tier: '' } },
      { query: { limit: '10' } },
      { query: { format: 'json' } },
    ],
    others: [],
  },
  getCoverageRollUps: {
    valid: { query: { by: 'group', pillar: 'security', limit: '10' } },
    malformed: [
      {},
      { query: { by: 'team' } },
      { query: { by: 'group', owner: 'platform' } },
      { query: { by: 'domain', sort: 'score' } },
      { query: { by: 'domain', q: 'billing' } },
      { query: { by: 'group', limit: '501' } },
      { rawQuery: 'by=group&by=domain' },
    ],
    others: [],
  },
  getCoverageRollUp: {
    valid: {
      params: { scopeRef: 'group:default/payments-team' },
      query: { pillar: 'security' },
    },
    malformed: [
      { params: { scopeRef: 'platform' } },
      { params: { scopeRef: 'system:default/payments' } },
      { params: { scopeRef: 'group:default/a\u0000b' } },
      {
        params: { scopeRef: 'group:default/payments-team' },
        query: { by: 'group' },
      },
      { rawParams: { scopeRef: '%E0%A4%A' } },
    ],
    others: [
      {
        request: { params: { scopeRef: 'domain:default/no-such-domain' } },
        status: 404,
      },
    ],
  },
  getCoverageHistory: {
    valid: {
      query: {
        owner: 'group:default/sre-team',
        pillar: 'security',
        days: '30',
      },
    },
    malformed: [
      { query: { owner: 'platform' } },
      { query: { owner: 'domain:default/commerce' } },
      { query: { domain: 'group:default/platform' } },
      {
        query: {
          owner: 'group:default/platform',
          domain: 'domain:default/commerce',
        },
      },
      { query: { pillar: 'safety' } },
      { query: { days: '0' } },
      { query: { days: '3661' } },
      { query: { days: 'many' } },
      { query: { scope: 'group:default/platform' } },
    ],
    others: [
      {
        request: { query: { owner: 'group:default/no-such-team' } },
        status: 404,
      },
    ],
  },
};

interface DocumentedParameter {
  $ref?: string;
  name?: string;
  in?: string;
}

/** A parameter of the document, following `$ref`s to `#/components/parameters/…`. */
function parameter(p: DocumentedParameter): DocumentedParameter {
  const name = p.$ref?.split('/').pop();
  return name
    ? (spec.components.parameters as Record<string, DocumentedParameter>)[name]
    : p;
}

/**
 * Every operation of the OpenAPI document, in its order, with its cases. The route table test,
 * the fuzz test and the coverage check walk this one list. The link routes share one link: walked
 * in order, with each route's other answers after its valid request, the valid PUT makes it, the
 * next PUT finds it made (200) and the valid DELETE removes it.
 */
export const apiRoutes: ApiRoute[] = Object.entries(spec.paths).flatMap(
  ([path, item]) =>
    Object.entries(item).map(([method, operation]) => {
      const {
        operationId,
        parameters = [],
        responses,
      } = operation as {
        operationId: OperationId;
        parameters?: DocumentedParameter[];
        responses: Record<string, { headers?: object; content?: object }>;
      };
      return {
        method: method.toUpperCase() as ApiRoute['method'],
        path,
        queryNames: parameters
          .map(parameter)
          .filter(p => p.in === 'query')
          .map(p => p.name!),
        etag: Boolean(
          responses['200']?.headers && 'ETag' in responses['200'].headers,
        ),
        json: 'application/json' in (responses['200']?.content ?? {}),
        ...cases[operationId],
      };
    }),
);

/** The route's name in test titles, such as `GET /roles/{roleId}`. */
export function routeName(route: ApiRoute): string {
  return `${route.method} ${route.path}`;
}

/**
 * A path segment that carries `value` as data. Dot segments are encoded as well: clients and
 * servers resolve a literal `.` or `..` segment as a relative path (RFC 3986).
 */
function encodeSegment(value: string): string {
  return /^\.{1,2}$/.test(value)
    ? '%2E'.repeat(value.length)
    : encodeURIComponent(value);
}

/** The URL of a request to a route. */
export function urlOf(route: ApiRoute, request: ApiRequest): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const raw = request.rawParams?.[name];
    if (raw !== undefined) {
      return raw;
    }
    const value = request.params?.[name] ?? route.valid.params?.[name];
    if (value === undefined) {
      throw new Error(`No value for {${name}} in ${routeName(route)}`);
    }
    return encodeSegment(value);
  });
  const query = [
    new URLSearchParams(request.query).toString(),
    request.rawQuery ?? '',
  ]
    .filter(Boolean)
    .join('&');
  return `${path}${query ? `?${query}` : ''}`;
}
