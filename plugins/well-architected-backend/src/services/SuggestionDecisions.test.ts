import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { parseEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { suggestionDecidePermission } from 'backstage-plugin-well-architected-common';
import { StoredDecision } from '../database/DecisionStore';
import { Dataset } from '../dataset/types';
import { exampleEntities } from '../__testUtils__/exampleEntities';
import { callsWith, testServices } from '../__testUtils__/services';
import { bundledDataset } from '../__testUtils__/testDataset';

const payments = 'system:default/payments';
const alice = 'user:default/alice';
const credentials = mockCredentials.user(alice);
// Suggested for payments with no group holding it: a gap in security and reliability.
const irm = { entityRef: payments, roleId: 'incident-response-manager' };

let dataset: Dataset;

beforeAll(async () => {
  dataset = await bundledDataset();
});

function servicesWith(
  options: {
    result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    decisions?: StoredDecision[];
    hiddenFromCaller?: string[];
  } = {},
) {
  const real = catalogServiceMock({ entities: exampleEntities });
  const catalog = catalogServiceMock.mock();
  catalog.queryEntities.mockImplementation((req, opts) =>
    real.queryEntities(req, opts),
  );
  // The caller may not read `hiddenFromCaller`; the plugin's own reads see everything.
  catalog.getEntitiesByRefs.mockImplementation(async (req, opts) => {
    const answer = await real.getEntitiesByRefs(req, opts);
    if (callsWith([[req, opts]], credentials).length === 0) {
      return answer;
    }
    return {
      items: answer.items.map((e, i) =>
        (options.hiddenFromCaller ?? []).includes(req.entityRefs[i])
          ? undefined
          : e,
      ),
    };
  });
  const permissions = mockServices.permissions.mock({
    authorize: jest.fn(async requests =>
      requests.map(() => ({
        result: options.result ?? AuthorizeResult.ALLOW,
      })),
    ) as any,
    // Catalog reads are conditional, so every answer asks the catalog what the caller may read.
    authorizeConditional: jest.fn(async requests =>
      requests.map(() => ({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_KIND',
          resourceType: 'catalog-entity',
          params: { kinds: ['system', 'component', 'group'] },
        },
      })),
    ) as any,
  });
  const auditEvent = { success: jest.fn(), fail: jest.fn() };
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => auditEvent),
  });
  const services = testServices({
    dataset,
    catalog,
    permissions,
    auditor,
    decisions: options.decisions,
  });
  const suggest = () =>
    services.suggestions.suggest(parseEntityRef(payments), credentials);
  return { ...services, permissions, auditor, auditEvent, suggest };
}

describe('SuggestionDecisions', () => {
  it('accepts a role with a reviewer group: shown on the suggestion, no longer a gap, audited', async () => {
    const s = servicesWith();
    const decision = await s.decisions.decide(
      irm,
      { decision: 'accepted', groupRef: 'sre-team' },
      { credentials },
    );
    expect(decision).toEqual({
      ...irm,
      decision: 'accepted',
      groupRef: 'group:default/sre-team',
      decidedBy: alice,
      decidedAt: expect.any(String),
    });
    const answer = await s.suggest();
    expect(
      answer.suggestions.find(x => x.roleId === irm.roleId)?.decision,
    ).toEqual(decision);
    expect(answer.gaps).toEqual([
      { pillarId: 'operational-excellence', roleIds: ['software-developer'] },
      { pillarId: 'reliability', roleIds: ['api-product-owner'] },
    ]);
    expect(s.decisionStore.decisions).toEqual([
      expect.objectContaining({ ruleIds: ['production-workloads'] }),
    ]);
    expect(s.permissions.authorize).toHaveBeenCalledWith(
      [{ permission: suggestionDecidePermission, resourceRef: payments }],
      { credentials },
    );
    expect(s.auditor.createEvent).toHaveBeenCalledWith({
      eventId: 'suggestion-decide',
      severityLevel: 'medium',
      request: undefined,
      meta: { ...irm, actor: alice },
    });
    expect(s.auditEvent.success).toHaveBeenCalledWith({
      meta: expect.objectContaining({
        decision: 'accepted',
        groupRef: 'group:default/sre-team',
      }),
    });
  });

  it('dismisses a role with a reason and an expiry; it leaves the gaps and the coverage', async () => {
    const s = servicesWith();
    await s.evaluator.runRound({ shard: 0, shards: 1 });
    const missing = async () =>
      (await s.coverage.coverage({}, credentials)).items
        .find(row => row.entityRef === payments)!
        .cells.flatMap(c => c.missingRoleIds);
    expect(await missing()).toContain(irm.roleId);

    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const decision = await s.decisions.decide(
      irm,
      {
        decision: 'dismissed',
        reason: 'covered-elsewhere',
        where: 'The on-call guild',
        expiresAt,
      },
      { credentials },
    );
    expect(decision).toMatchObject({
      decision: 'dismissed',
      reason: 'covered-elsewhere',
      where: 'The on-call guild',
      expiresAt,
    });
    expect((await s.suggest()).gaps).toEqual([
      { pillarId: 'operational-excellence', roleIds: ['software-developer'] },
      { pillarId: 'reliability', roleIds: ['api-product-owner'] },
    ]);
    expect(await missing()).not.toContain(irm.roleId);
  });

  it('counts an accepted role as covered in the coverage', async () => {
    const s = servicesWith();
    await s.evaluator.runRound({ shard: 0, shards: 1 });
    await s.decisions.decide(
      irm,
      { decision: 'accepted', groupRef: 'group:default/sre-team' },
      { credentials },
    );
    const row = (await s.coverage.coverage({}, credentials)).items.find(
      r => r.entityRef === payments,
    )!;
    expect(
      row.cells.find(c => c.pillarId === 'security')?.coveredRoleIds,
    ).toContain(irm.roleId);
  });

  it('brings a suggestion back when its dismissal has expired', async () => {
    const s = servicesWith({
      decisions: [
        {
          ...irm,
          decision: 'dismissed',
          reason: 'not-applicable',
          expiresAt: new Date(Date.now() - 1000),
          ruleIds: [],
          decidedBy: alice,
          decidedAt: new Date(Date.now() - 86_400_000),
        },
      ],
    });
    const answer = await s.suggest();
    expect(
      answer.suggestions.find(x => x.roleId === irm.roleId)?.decision,
    ).toBeUndefined();
    expect(answer.gaps.map(g => g.roleIds)).toContainEqual([
      'api-product-owner',
      irm.roleId,
    ]);
  });

  it('undoes a decision, and answers 404 when there is none', async () => {
    const s = servicesWith();
    await s.decisions.decide(
      irm,
      { decision: 'dismissed', reason: 'other', text: 'Retired next month' },
      { credentials },
    );
    await s.decisions.undo(irm, { credentials });
    expect(s.decisionStore.decisions).toEqual([]);
    await expect(s.decisions.undo(irm, { credentials })).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    expect(s.auditEvent.fail).toHaveBeenCalledTimes(1);
  });

  it('refuses a caller the policy does not let decide, and records nothing', async () => {
    const s = servicesWith({ result: AuthorizeResult.DENY });
    await expect(
      s.decisions.decide(
        irm,
        { decision: 'dismissed', reason: 'not-applicable' },
        { credentials },
      ),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('well-architected.suggestion.decide'),
    });
    await expect(s.decisions.undo(irm, { credentials })).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    expect(s.decisionStore.decisions).toEqual([]);
  });

  it('answers 404 for an entity the caller cannot read, before asking the policy', async () => {
    const s = servicesWith({ hiddenFromCaller: [payments] });
    await expect(
      s.decisions.decide(
        irm,
        { decision: 'dismissed', reason: 'not-applicable' },
        { credentials },
      ),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(s.permissions.authorize).not.toHaveBeenCalled();
    expect(s.decisionStore.decisions).toEqual([]);
  });

  it('answers 404 for a role not suggested and for a Group the caller cannot read', async () => {
    const s = servicesWith({ hiddenFromCaller: ['group:default/sre-team'] });
    await expect(
      s.decisions.decide(
        { entityRef: payments, roleId: 'technical-writer' },
        { decision: 'dismissed', reason: 'not-applicable' },
        { credentials },
      ),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: `The role 'technical-writer' is not suggested for ${payments}`,
    });
    await expect(
      s.decisions.decide(
        irm,
        { decision: 'accepted', groupRef: 'group:default/sre-team' },
        { credentials },
      ),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(s.decisionStore.decisions).toEqual([]);
  });

  it.each([
    [
      { decision: 'accepted' as const, groupRef: 'component:default/x' },
      'is not a Group',
    ],
    [
      { decision: 'dismissed' as const, reason: 'covered-elsewhere' as const },
      "needs 'where'",
    ],
    [
      { decision: 'dismissed' as const, reason: 'other' as const },
      "needs 'text'",
    ],
    [
      {
        decision: 'dismissed' as const,
        reason: 'not-applicable' as const,
        where: 'x',
      },
      "takes neither 'where' nor 'text'",
    ],
    [
      {
        decision: 'dismissed' as const,
        reason: 'not-applicable' as const,
        expiresAt: '2020-01-01T00:00:00Z',
      },
      'must be in the future',
    ],
  ])(
    'refuses %j with a message that says what to send',
    async (body, message) => {
      const s = servicesWith();
      await expect(
        s.decisions.decide(irm, body, { credentials }),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(message),
      });
      expect(s.decisionStore.decisions).toEqual([]);
    },
  );

  it('does not name a decider or a pinned Group that the caller cannot read', async () => {
    const s = servicesWith({
      hiddenFromCaller: ['user:default/bob', 'group:default/fraud-squad'],
      decisions: [
        {
          ...irm,
          decision: 'accepted',
          groupRef: 'group:default/fraud-squad',
          ruleIds: [],
          decidedBy: 'user:default/bob',
          decidedAt: new Date(),
        },
      ],
    });
    const { decision } = (await s.suggest()).suggestions.find(
      x => x.roleId === irm.roleId,
    )!;
    expect(decision).toEqual({
      ...irm,
      decision: 'accepted',
      decidedAt: expect.any(String),
    });
  });
});
