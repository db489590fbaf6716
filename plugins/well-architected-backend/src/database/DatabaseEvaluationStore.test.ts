import { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  createTestDatabases,
  databaseServiceFor,
} from '../__testUtils__/testDataset';
import { DatabaseEvaluationStore } from './DatabaseEvaluationStore';
import { StoredEvaluation } from './EvaluationStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const migrations = resolvePackagePath(
  'backstage-plugin-well-architected-backend',
  'migrations',
);

function evaluation(name: string, etag = 'e1'): StoredEvaluation {
  const entityRef = `system:default/${name}`;
  return {
    entityRef,
    result: {
      entityRef,
      ownerRef: 'group:default/team',
      roles: [
        {
          roleId: 'site-reliability-engineer',
          reasons: [
            {
              ruleId: 'production-workloads',
              signal: 'production-workload',
              message: 'runs in production',
              entityRefs: [entityRef],
              source: 'own',
              weight: 3,
              pillarIds: ['reliability'],
            },
          ],
        },
      ],
      inspectedEntityRefs: [entityRef],
      ruleIds: ['production-workloads'],
    },
    entityEtag: etag,
    neighbourhoodHash: 'n1',
    datasetVersion: 'd1',
    ruleConfigHash: 'r1',
    evaluatedAt: new Date('2026-12-01T10:00:00.000Z'),
  };
}

const organisation = {
  hash: 'o1',
  organisation: {
    groups: {
      'group:default/team': {
        displayName: 'Team',
        parentRefs: [],
        childRefs: [],
        members: [],
        roleIds: ['site-reliability-engineer'],
      },
    },
    domainOwners: {},
  },
  evaluatedAt: new Date('2026-12-01T10:00:00.000Z'),
};

describe.each(databases.eachSupportedId())(
  'DatabaseEvaluationStore on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseEvaluationStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseEvaluationStore.create({
        database: databaseServiceFor(knex),
      });
    });

    it('writes, replaces, reads and removes evaluations, with the organisation hash in the same read', async () => {
      expect(await store.readEvaluation('system:default/a')).toBeUndefined();
      await store.writeEvaluations([evaluation('a'), evaluation('b')]);
      expect(await store.readEvaluation('system:default/a')).toEqual({
        ...evaluation('a'),
        organisationHash: undefined,
      });

      expect(await store.readOrganisationHash()).toBeUndefined();
      expect(await store.writeOrganisation(organisation)).toBe(true);
      expect(await store.writeOrganisation(organisation)).toBe(false);
      expect(await store.readOrganisation()).toEqual(organisation);
      expect(await store.readOrganisationHash()).toBe('o1');
      await store.writeEvaluations([evaluation('a', 'e2')]);
      expect(await store.readEvaluation('system:default/a')).toMatchObject({
        entityEtag: 'e2',
        organisationHash: 'o1',
      });

      expect([...(await store.listInputs())]).toEqual(
        expect.arrayContaining([
          [
            'system:default/b',
            {
              entityEtag: 'e1',
              neighbourhoodHash: 'n1',
              datasetVersion: 'd1',
              ruleConfigHash: 'r1',
            },
          ],
        ]),
      );
      await store.deleteEvaluations(['system:default/b']);
      expect([...(await store.listInputs()).keys()]).toEqual([
        'system:default/a',
      ]);
    });

    it('lists the evaluations of Systems, or of every entity, by entity ref', async () => {
      const component = {
        ...evaluation('c'),
        entityRef: 'component:default/c',
      };
      await store.writeEvaluations([
        evaluation('b'),
        component,
        evaluation('a'),
      ]);
      expect(await store.listSystemEvaluations()).toEqual([
        evaluation('a'),
        evaluation('b'),
      ]);
      expect(await store.listEvaluations()).toEqual([
        component,
        evaluation('a'),
        evaluation('b'),
      ]);
    });

    it('writes many rows in batches', async () => {
      const many = Array.from({ length: 450 }, (_, i) => evaluation(`s-${i}`));
      await store.writeEvaluations(many);
      expect((await store.listInputs()).size).toBe(450);
      await store.deleteEvaluations(many.map(e => e.entityRef));
      expect((await store.listInputs()).size).toBe(0);
    });

    it('keeps a result larger than 64 KiB whole', async () => {
      const big = evaluation('big');
      big.result.inspectedEntityRefs = Array.from(
        { length: 3000 },
        (_, i) => `component:default/a-rather-long-component-name-${i}`,
      );
      await store.writeEvaluations([big]);
      expect(
        (await store.readEvaluation('system:default/big'))?.result,
      ).toEqual(big.result);
    });

    it('raises its revision after every write or removal, and after nothing else', async () => {
      const start = await store.revision();
      await store.writeEvaluations([]);
      await store.deleteEvaluations([]);
      await store.listSystemEvaluations();
      expect(await store.revision()).toBe(start);

      await store.writeEvaluations([evaluation('a'), evaluation('b')]);
      const written = await store.revision();
      expect(Number(written)).toBe(Number(start) + 1);
      await store.deleteEvaluations(['system:default/a']);
      expect(Number(await store.revision())).toBe(Number(written) + 1);
    });

    it('has a migration of the revision that rolls back and applies again', async () => {
      await store.writeEvaluations([evaluation('a')]);
      expect(await store.revision()).toBe('1');
      await knex.migrate.down({
        directory: migrations,
        name: '20261204000000_evaluations_revision.js',
      });
      expect(await knex.schema.hasTable('evaluations_revision')).toBe(false);
      expect(await knex.schema.hasTable('evaluations')).toBe(true);
      await knex.migrate.latest({ directory: migrations });
      expect(await store.revision()).toBe('0');
      await store.writeEvaluations([evaluation('b')]);
      expect(await store.revision()).toBe('1');
    });

    it('has a migration that rolls back and applies again', async () => {
      await store.writeEvaluations([evaluation('a')]);
      await knex.migrate.down({
        directory: migrations,
        name: '20261202000000_evaluations.js',
      });
      expect(await knex.schema.hasTable('evaluations')).toBe(false);
      expect(await knex.schema.hasTable('evaluation_organisation')).toBe(false);
      await knex.migrate.latest({ directory: migrations });
      expect(await knex('evaluations')).toEqual([]);
      await store.writeEvaluations([evaluation('a')]);
      expect(await store.readEvaluation('system:default/a')).toBeDefined();
    });
  },
);
