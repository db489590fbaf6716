import { Server } from 'node:http';
import {
  BackstageCredentials,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import request from 'supertest';
import { startApiServer } from './__testUtils__/apiBackend';
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

describe.each(databases.eachSupportedId())('the actions, on %s', databaseId => {
  let knex: Knex;
  let server: Server;
  let actions: ReturnType<typeof actionsRegistryServiceMock>;
  let auditor: ReturnType<typeof mockServices.auditor.mock>;
  let auditEvent: { success: jest.Mock; fail: jest.Mock };

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    actions = actionsRegistryServiceMock();
    auditEvent = { success: jest.fn(), fail: jest.fn() };
    auditor = mockServices.auditor.mock({
      createEvent: jest.fn(async () => auditEvent),
    });
    server = await startApiServer([
      ...restrictedViewFeatures(knex),
      // A round runs at start, so the coverage of every System is stored before the first call.
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
      auditor.factory,
      createServiceFactory({
        service: actionsRegistryServiceRef,
        deps: {},
        factory: () => actions,
      }),
    ]);
  });

  beforeEach(() => {
    jest.clearAllMocks();
  });

  /** Invokes an action of the plugin as `user`, or with `credentials`. */
  const invoke = (
    name: string,
    input: JsonObject,
    credentials: BackstageCredentials = mockCredentials.user(admin),
  ) => actions.invoke({ id: `test:${name}`, input, credentials });

  it('lists the actions with their schemas, the link marked destructive', async () => {
    const { actions: listed } = await actions.list();
    expect(
      listed.map(({ name, attributes, schema }) => ({
        name,
        attributes,
        input: Object.keys((schema.input as { properties: object }).properties),
      })),
    ).toEqual([
      {
        name: 'who-should-review',
        attributes: { readOnly: true, destructive: false, idempotent: true },
        input: ['entityRef'],
      },
      {
        name: 'get-role',
        attributes: { readOnly: true, destructive: false, idempotent: true },
        input: ['role'],
      },
      {
        name: 'list-coverage-gaps',
        attributes: { readOnly: true, destructive: false, idempotent: true },
        input: ['scope'],
      },
      {
        name: 'link-role-to-group',
        attributes: { readOnly: false, destructive: true, idempotent: true },
        input: ['roleId', 'groupRef'],
      },
    ]);
  });

  it('who-should-review answers what GET /suggestions answers the same caller', async () => {
    const { output } = await invoke('who-should-review', {
      entityRef: 'system:default/payments',
    });
    const { body } = await request(server)
      .get('/suggestions?entityRef=system:default/payments')
      .set('Authorization', mockCredentials.user.header(admin))
      .expect(200);
    const answer = output as typeof body;
    expect(answer.suggestions.length).toBeGreaterThan(0);
    const summary = (a: typeof body) =>
      a.suggestions.map(
        (s: {
          roleId: string;
          confidence: string;
          reasons: Array<{ message: string }>;
          reviewers: Array<{ groupRef: string; closeness: string }>;
        }) => [
          s.roleId,
          s.confidence,
          s.reasons.map(r => r.message),
          s.reviewers.map(r => [r.groupRef, r.closeness]),
        ],
      );
    expect(summary(answer)).toEqual(summary(body));
    expect(answer.gaps).toEqual(body.gaps);
    expect(answer.ownerRef).toBe('group:default/payments-team');
  });

  it('who-should-review names nothing the caller cannot read', async () => {
    const seen = JSON.stringify(
      await invoke(
        'who-should-review',
        { entityRef: 'system:default/payments' },
        mockCredentials.user(restricted),
      ),
    );
    expect(
      hiddenWords.filter(word =>
        seen.toLocaleLowerCase('en').includes(word.toLocaleLowerCase('en')),
      ),
    ).toEqual([]);
    // The same question by someone who sees everything names them, so the check can fail.
    const all = JSON.stringify(
      await invoke('who-should-review', {
        entityRef: 'system:default/payments',
      }),
    );
    expect(all).toContain('group:default/fraud-squad');
    expect(all).toContain('resource:default/payments-db');

    // A hidden System is answered as one that does not exist.
    const ask = (entityRef: string) =>
      invoke(
        'who-should-review',
        { entityRef },
        mockCredentials.user(restricted),
      );
    await expect(ask('system:default/storefront')).rejects.toThrow(
      "No entity 'system:default/storefront' in the catalog, or you may not see it",
    );
    await expect(ask('system:default/no-such-thing')).rejects.toThrow(
      "No entity 'system:default/no-such-thing' in the catalog, or you may not see it",
    );
    await expect(ask('payments')).rejects.toThrow(
      "Invalid entityRef 'payments': an entity ref looks like kind:namespace/name, for example system:default/payments",
    );
  });

  it('get-role finds a role by id, title or other name, in any case', async () => {
    const byId = await invoke('get-role', {
      role: 'site-reliability-engineer',
    });
    expect(byId.output).toMatchObject({
      id: 'site-reliability-engineer',
      title: 'Site Reliability Engineer',
    });
    const responsibilities = (byId.output as JsonObject)
      .responsibilities as JsonObject[];
    expect(responsibilities.length).toBeGreaterThan(0);
    expect(Object.keys(responsibilities[0]).sort()).toEqual([
      'categoryId',
      'description',
      'flags',
      'pillarId',
      'title',
    ]);
    expect(
      await invoke('get-role', { role: '  site RELIABILITY engineer ' }),
    ).toEqual(byId);
    await expect(invoke('get-role', { role: 'reliability' })).rejects.toThrow(
      /^No Well-Architected role 'reliability'; roles that mention it: .*Site Reliability Engineer \(site-reliability-engineer\)/,
    );
    await expect(invoke('get-role', { role: 'juggler' })).rejects.toThrow(
      "No Well-Architected role 'juggler'",
    );
  });

  it('list-coverage-gaps lists the gaps of a Domain per pillar, as GET /coverage counts them', async () => {
    const { output } = await invoke('list-coverage-gaps', {
      scope: 'domain:default/commerce',
    });
    const { body } = await request(server)
      .get('/coverage?domain=domain:default/commerce')
      .set('Authorization', mockCredentials.user.header(admin))
      .expect(200);
    const answer = output as {
      scopeRef: string;
      systemCount: number;
      pillars: Array<{
        pillarId: string;
        gap: number;
        systems: Array<{ entityRef: string; missingRoleIds: string[] }>;
      }>;
    };
    expect(answer.scopeRef).toBe('domain:default/commerce');
    expect(answer.systemCount).toBe(2);
    expect(answer.pillars.map(({ systems: _, ...totals }) => totals)).toEqual(
      body.totals,
    );
    // Every missing role of every System, as the coverage cells name them.
    const missing = (pillars: typeof answer.pillars) =>
      pillars.flatMap(p =>
        p.systems.flatMap(x =>
          x.missingRoleIds.map(r => `${p.pillarId} ${x.entityRef} ${r}`),
        ),
      );
    expect(missing(answer.pillars).sort()).toEqual(
      (
        body.items as Array<{
          entityRef: string;
          cells: Array<{ pillarId: string; missingRoleIds: string[] }>;
        }>
      )
        .flatMap(item =>
          item.cells.flatMap(c =>
            c.missingRoleIds.map(r => `${c.pillarId} ${item.entityRef} ${r}`),
          ),
        )
        .sort(),
    );
    expect(missing(answer.pillars)).toContain(
      'security system:default/payments incident-response-manager',
    );
  });

  it('list-coverage-gaps counts and names only what the caller may read', async () => {
    const seen = await invoke(
      'list-coverage-gaps',
      { scope: 'domain:default/commerce' },
      mockCredentials.user(restricted),
    );
    expect((seen.output as { systemCount: number }).systemCount).toBe(1);
    expect(
      hiddenWords.filter(word =>
        JSON.stringify(seen)
          .toLocaleLowerCase('en')
          .includes(word.toLocaleLowerCase('en')),
      ),
    ).toEqual([]);
    // A Group the caller may not read is answered as one that does not exist; a Group owns
    // the Systems of the Groups inside it.
    const ask = (scope: string, user = restricted) =>
      invoke('list-coverage-gaps', { scope }, mockCredentials.user(user));
    await expect(ask('group:default/engineering')).rejects.toThrow(
      "No Group 'group:default/engineering' in the catalog, or you may not see it",
    );
    await expect(ask('group:default/no-such-team')).rejects.toThrow(
      "No Group 'group:default/no-such-team' in the catalog, or you may not see it",
    );
    // Reading needs no permission: the user the policy denies everything reads it all.
    // engineering owns payments (through payments-team) and storefront (through web-team).
    const { output } = await ask('group:default/engineering', denied);
    expect(output).toMatchObject({
      scopeRef: 'group:default/engineering',
      systemCount: 2,
    });
    await expect(ask('system:default/payments')).rejects.toThrow(
      "Coverage is counted for a Group or a Domain, not for 'system'",
    );
  });

  it('link-role-to-group links for an allowed user, audited, as the API does', async () => {
    const input = {
      roleId: 'incident-response-manager',
      groupRef: 'group:default/web-team',
    };
    const first = await invoke('link-role-to-group', input);
    expect(first.output).toMatchObject({
      created: true,
      groupRef: 'group:default/web-team',
      sources: ['portal'],
      portalLink: { createdBy: admin },
    });
    expect((await invoke('link-role-to-group', input)).output).toMatchObject({
      created: false,
    });
    expect(auditor.createEvent).toHaveBeenCalledWith({
      eventId: 'role-link-create',
      severityLevel: 'medium',
      request: undefined,
      meta: { ...input, actor: admin },
    });
    expect(auditEvent.success).toHaveBeenLastCalledWith({
      meta: { ...input, outcome: 'already-existed' },
    });
    const { body } = await request(server)
      .get('/roles/incident-response-manager/groups')
      .set('Authorization', mockCredentials.user.header(admin))
      .expect(200);
    expect(body.items.map((h: { groupRef: string }) => h.groupRef)).toContain(
      'group:default/web-team',
    );
  });

  it('link-role-to-group refuses a denied user, a hidden Group and a service, and writes nothing', async () => {
    const before = await knex('role_links').orderBy(['role_id', 'group_ref']);
    const refusals: Array<[string, BackstageCredentials, object]> = [
      [
        'group:default/web-team',
        mockCredentials.user(denied),
        {
          name: 'NotAllowedError',
          message:
            'You may not change the roles of group:default/web-team: the permission well-architected.role-link.create is not granted to you for this link',
        },
      ],
      [
        'group:default/data-team',
        mockCredentials.user(restricted),
        {
          name: 'NotFoundError',
          message:
            "No Group 'group:default/data-team' in the catalog, or you may not see it",
        },
      ],
      [
        'group:default/web-team',
        mockCredentials.service(),
        { name: 'NotAllowedError' },
      ],
    ];
    for (const [groupRef, credentials, error] of refusals) {
      await expect(
        invoke(
          'link-role-to-group',
          { roleId: 'security-architect', groupRef },
          credentials,
        ),
      ).rejects.toMatchObject(error);
    }
    // The policy and the catalog refused with an audit event; the service was refused before.
    expect(auditEvent.fail).toHaveBeenCalledTimes(2);
    expect(await knex('role_links').orderBy(['role_id', 'group_ref'])).toEqual(
      before,
    );
  });
});
