import { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  createTestDatabases,
  databaseServiceFor,
} from '../__testUtils__/testDataset';
import { DatabaseDecisionStore } from './DatabaseDecisionStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const payments = 'system:default/payments';
const accepted = {
  entityRef: payments,
  roleId: 'site-reliability-engineer',
  decision: 'accepted' as const,
  groupRef: 'group:default/sre-team',
  ruleIds: ['on-call', 'databases'],
  decidedBy: 'user:default/alice',
};
const dismissed = {
  entityRef: payments,
  roleId: 'technical-writer',
  decision: 'dismissed' as const,
  reason: 'covered-elsewhere' as const,
  reasonText: 'The docs guild reviews every System',
  ruleIds: ['docs'],
  decidedBy: 'user:default/bob',
};

describe('DatabaseDecisionStore', () => {
  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let store: DatabaseDecisionStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseDecisionStore.create({
        database: databaseServiceFor(knex),
      });
    });

    it('records an acceptance and a dismissal, and lists them by entity', async () => {
      const before = Date.now();
      const one = await store.saveDecision(accepted);
      const two = await store.saveDecision(dismissed);
      await store.saveDecision({ ...accepted, entityRef: 'system:default/x' });

      expect(one).toEqual({ ...accepted, decidedAt: expect.any(Date) });
      // MySQL keeps whole seconds.
      expect(one.decidedAt.getTime()).toBeGreaterThan(before - 2000);
      expect(two).toEqual({ ...dismissed, decidedAt: expect.any(Date) });
      expect(await store.listDecisions({ entityRefs: [payments] })).toEqual([
        one,
        two,
      ]);
      expect(await store.listDecisions()).toHaveLength(3);
    });

    it('replaces an earlier decision about the same role', async () => {
      await store.saveDecision(accepted);
      const again = await store.saveDecision({
        entityRef: payments,
        roleId: accepted.roleId,
        decision: 'dismissed',
        reason: 'not-applicable',
        ruleIds: [],
        decidedBy: 'user:default/bob',
      });
      expect(again).toEqual({
        entityRef: payments,
        roleId: accepted.roleId,
        decision: 'dismissed',
        reason: 'not-applicable',
        ruleIds: [],
        decidedBy: 'user:default/bob',
        decidedAt: expect.any(Date),
      });
      expect(await store.listDecisions()).toEqual([again]);
    });

    it('leaves out a dismissal that has expired when asked for those in force', async () => {
      const now = new Date('2026-12-01T12:00:00Z');
      await store.saveDecision({
        ...dismissed,
        expiresAt: new Date('2026-12-01T11:59:59Z'),
      });
      const lasting = await store.saveDecision({
        ...dismissed,
        roleId: 'security-engineer',
        expiresAt: new Date('2026-12-02T00:00:00Z'),
      });
      expect(lasting.expiresAt).toEqual(new Date('2026-12-02T00:00:00Z'));
      expect(await store.listDecisions({ now })).toEqual([lasting]);
      expect(await store.listDecisions()).toHaveLength(2);
    });

    it('removes a decision and returns it, and reports when there was none', async () => {
      const saved = await store.saveDecision(accepted);
      expect(await store.removeDecision(accepted)).toEqual(saved);
      expect(await store.removeDecision(accepted)).toBeUndefined();
      expect(await store.listDecisions()).toEqual([]);
    });

    it('keeps one decision when 20 are made at once about the same role', async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.saveDecision({ ...accepted, decidedBy: `user:default/u${i}` }),
        ),
      );
      expect(await store.listDecisions()).toHaveLength(1);
    });

    it('has a migration that rolls back and applies again', async () => {
      await store.saveDecision(accepted);
      const directory = resolvePackagePath(
        'backstage-plugin-well-architected-backend',
        'migrations',
      );
      await knex.migrate.down({
        directory,
        name: '20261203000000_suggestion_decisions.js',
      });
      expect(await knex.schema.hasTable('suggestion_decisions')).toBe(false);
      expect(await knex.schema.hasTable('role_links')).toBe(true);
      await knex.migrate.latest({ directory });
      expect(await store.listDecisions()).toEqual([]);
      await store.saveDecision(accepted);
      expect(await store.listDecisions()).toHaveLength(1);
    });
  });
});
