import { Server } from 'node:http';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { send, startApiServer } from './__testUtils__/apiBackend';
import {
  ApiRequest,
  ApiRoute,
  apiRoutes,
  routeName,
} from './__testUtils__/apiRoutes';
import {
  admin,
  denied,
  hiddenWords,
  restricted,
  restrictedViewFeatures,
} from './__testUtils__/policyServices';
import { createTestDatabases } from './__testUtils__/testDataset';

jest.setTimeout(120_000);

const databases = createTestDatabases();

/** A request to each route that names a hidden entity, where the route takes one. */
const hiddenRequests: Record<string, ApiRequest | undefined> = {
  'GET /roles/{roleId}/groups': { params: { roleId: 'security-architect' } },
  'PUT /roles/{roleId}/groups/{groupRef}': {
    params: { roleId: 'incident-response-manager', groupRef: 'data-team' },
  },
  'DELETE /roles/{roleId}/groups/{groupRef}': {
    params: { roleId: 'incident-response-manager', groupRef: 'data-team' },
  },
  'GET /groups/{groupRef}/roles': { params: { groupRef: 'fraud-squad' } },
  'GET /groups/{groupRef}/members': { params: { groupRef: 'data-team' } },
  'GET /suggestions': { query: { entityRef: 'system:default/storefront' } },
  'POST /entities/{entityRef}/evaluation': {
    params: { entityRef: 'system:default/storefront' },
  },
  'PUT /entities/{entityRef}/decisions/{roleId}': {
    params: {
      entityRef: 'system:default/storefront',
      roleId: 'incident-response-manager',
    },
    body: { decision: 'dismissed', reason: 'not-applicable' },
  },
  'DELETE /entities/{entityRef}/decisions/{roleId}': {
    params: {
      entityRef: 'system:default/storefront',
      roleId: 'incident-response-manager',
    },
  },
  'GET /coverage/history': { query: { owner: 'group:default/data-team' } },
  'GET /coverage/rollups/{scopeRef}': {
    params: { scopeRef: 'group:default/data-team' },
  },
};

const as = (userEntityRef: string) => ({
  Authorization: mockCredentials.user.header(userEntityRef),
});

/** What every route answers each kind of caller, in the order of the route table. */
const expectedTable = {
  'GET /pillars': [401, 200, 200, 'n/a', 200],
  'GET /roles': [401, 200, 200, 'n/a', 200],
  'GET /role-summaries': [401, 200, 200, 'n/a', 200],
  'GET /roles/{roleId}': [401, 200, 200, 'n/a', 200],
  'GET /roles/{roleId}/groups': [401, 200, 200, 200, 200],
  'GET /roles/{roleId}/systems': [401, 200, 200, 'n/a', 200],
  'PUT /roles/{roleId}/groups/{groupRef}': [401, 201, 403, 404, 403],
  'DELETE /roles/{roleId}/groups/{groupRef}': [401, 204, 403, 404, 403],
  'GET /groups/{groupRef}/roles': [401, 200, 200, 404, 200],
  'GET /groups/{groupRef}/members': [401, 200, 200, 404, 200],
  'GET /suggestions': [401, 200, 200, 404, 200],
  'GET /coverage': [401, 200, 200, 'n/a', 200],
  'POST /entities/{entityRef}/evaluation': [401, 200, 403, 404, 403],
  'PUT /entities/{entityRef}/decisions/{roleId}': [401, 200, 403, 404, 403],
  'DELETE /entities/{entityRef}/decisions/{roleId}': [401, 204, 403, 404, 403],
  'GET /coverage.csv': [401, 200, 200, 'n/a', 200],
  'GET /coverage/history': [401, 200, 200, 404, 200],
  'GET /coverage/rollups': [401, 200, 200, 'n/a', 200],
  'GET /coverage/rollups/{scopeRef}': [401, 200, 200, 404, 200],
  // The rule feedback needs its read permission; it counts only what the caller may read.
  'GET /rules': [401, 200, 403, 'n/a', 200],
};
const columns = [
  'no credentials',
  'user allowed',
  'user denied',
  'hidden entity',
  'service token',
];

describe.each(databases.eachSupportedId())(
  'what the catalog hides, on %s',
  databaseId => {
    let knex: Knex;
    let server: Server;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startApiServer(restrictedViewFeatures(knex));
      // Someone who sees everything links a role to a Group hidden from `restricted`.
      const made = await send(
        server,
        route('PUT /roles/{roleId}/groups/{groupRef}'),
        hiddenRequests['PUT /roles/{roleId}/groups/{groupRef}']!,
        as(admin),
      );
      if (made.status !== 201) {
        throw new Error(`Could not make the hidden link: ${made.text}`);
      }
    });

    function route(name: string): ApiRoute {
      return apiRoutes.find(r => routeName(r) === name)!;
    }

    it('names no hidden entity in any answer, and changes nothing for a hidden Group', async () => {
      const before = await knex('role_links').orderBy('group_ref');
      const bodies: Array<string | undefined> = [];
      for (const r of apiRoutes.filter(x => x.method === 'GET')) {
        bodies.push((await send(server, r, r.valid, as(restricted))).text);
      }
      // A request that names a hidden entity is answered as one that names nothing that exists:
      // the answers differ only in the name the caller sent.
      const renamed = (text: string) =>
        text.replace(/fraud-squad|data-team|storefront/g, 'no-such-thing');
      const notFound: Array<{ hidden: unknown; missing: unknown }> = [];
      for (const [name, request] of Object.entries(hiddenRequests)) {
        const r = route(name);
        const answer = await send(server, r, request!, as(restricted));
        if (answer.status === 404) {
          const missing = await send(
            server,
            r,
            JSON.parse(renamed(JSON.stringify(request))),
            as(restricted),
          );
          notFound.push({
            hidden: [answer.status, renamed(answer.text ?? '')],
            missing: [missing.status, missing.text],
          });
        } else {
          bodies.push(answer.text);
        }
      }
      expect(notFound.map(n => n.hidden)).toEqual(notFound.map(n => n.missing));
      expect(notFound).toHaveLength(10);
      // The roles of the visible Groups, and the reviewers of the payments System, where hidden
      // Groups hold roles and a hidden member and Resource sit.
      for (const roleId of [
        'incident-response-manager',
        'site-reliability-engineer',
        'database-administrator',
      ]) {
        bodies.push(
          (
            await send(
              server,
              route('GET /roles/{roleId}/groups'),
              { params: { roleId } },
              as(restricted),
            )
          ).text,
        );
      }
      // The members of the payments team, where a hidden member sits beside a visible one.
      const paymentsMembers = await send(
        server,
        route('GET /groups/{groupRef}/members'),
        { params: { groupRef: 'payments-team' } },
        as(restricted),
      );
      expect(paymentsMembers.text).toContain('user:default/bob');
      bodies.push(paymentsMembers.text);
      const leaks = hiddenWords.filter(word =>
        bodies.some(body =>
          (body ?? '')
            .toLocaleLowerCase('en')
            .includes(word.toLocaleLowerCase('en')),
        ),
      );
      expect(leaks).toEqual([]);
      expect(await knex('role_links').orderBy('group_ref')).toEqual(before);
      // The same requests by someone who sees everything do name them, so the check can fail.
      const adminView = await send(
        server,
        route('GET /roles/{roleId}/groups'),
        { params: { roleId: 'incident-response-manager' } },
        as(admin),
      );
      expect(adminView.text).toContain('group:default/data-team');
    });

    it('answers each route and caller as the table says', async () => {
      const table: Record<string, Array<number | 'n/a'>> = {};
      for (const r of apiRoutes) {
        const hiddenRequest = hiddenRequests[routeName(r)];
        const statuses: Array<number | 'n/a'> = [];
        for (const headers of [
          { Authorization: mockCredentials.none.header() },
          as(restricted),
          as(denied),
          undefined,
          { Authorization: mockCredentials.service.header() },
        ]) {
          if (!headers) {
            statuses.push(
              hiddenRequest
                ? (await send(server, r, hiddenRequest, as(restricted))).status
                : 'n/a',
            );
          } else {
            statuses.push((await send(server, r, r.valid, headers)).status);
          }
        }
        table[routeName(r)] = statuses;
      }
      // eslint-disable-next-line no-console
      console.log(
        [
          `| route | ${columns.join(' | ')} |`,
          `|---|${columns.map(() => '---').join('|')}|`,
          ...Object.entries(table).map(
            ([name, statuses]) => `| ${name} | ${statuses.join(' | ')} |`,
          ),
        ].join('\n'),
      );
      expect(table).toEqual(expectedTable);
      // The hidden Group's link made at the start is still there.
      expect(
        await knex('role_links').where({
          group_ref: 'group:default/data-team',
        }),
      ).toHaveLength(1);
    });
  },
);
