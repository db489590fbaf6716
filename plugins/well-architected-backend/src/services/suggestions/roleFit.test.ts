import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Signal } from 'backstage-plugin-well-architected-node';
import { bundledDataset } from '../../__testUtils__/testDataset';
import { testServices } from '../../__testUtils__/services';
import { Dataset } from '../../dataset/types';
import { RoleDatasetSnapshot } from '../RoleDataset';
import { EvaluatedRole } from '../evaluation/model';
import { NOT_WHILE_RETIRING, REGULATED_ONLY_RULE, fitRoles } from './roleFit';

let dataset: Dataset;

beforeAll(async () => {
  dataset = await bundledDataset();
});

const writer = (): EvaluatedRole => ({
  roleId: 'technical-writer',
  reasons: [
    {
      ruleId: 'documentation',
      signal: 'documentation',
      message: 'has TechDocs',
      entityRefs: ['component:default/api'],
      source: 'own',
      weight: 1,
      pillarIds: ['reliability', 'operational-excellence'],
    },
  ],
});

const pci: Signal = {
  id: 'regulated',
  detail: 'pci',
  message: 'regulated: pci',
  entityRefs: ['component:default/api'],
  source: 'own',
};

describe('fitting suggested roles to the dataset and the lifecycle', () => {
  it('finds the responsibility the dataset marks for highly regulated environments', () => {
    const snapshot = new RoleDatasetSnapshot(dataset);
    expect(
      snapshot.flaggedPillars(
        'technical-writer',
        'highly-regulated-environments',
      ),
    ).toEqual(['reliability']);
    expect(
      snapshot.flaggedPillars(
        'site-reliability-engineer',
        'highly-regulated-environments',
      ),
    ).toEqual([]);
  });

  it('suggests a regulated-only responsibility only where a regulated signal fired, and then says so', () => {
    const snapshot = new RoleDatasetSnapshot(dataset);
    const [unregulated] = fitRoles([writer()], {
      signals: [],
      retiring: false,
      dataset: snapshot,
    });
    // The pillar the dataset marks optional is left out; the others stay.
    expect(unregulated.reasons.map(r => r.pillarIds)).toEqual([
      ['operational-excellence'],
    ]);

    const [regulated] = fitRoles([writer()], {
      signals: [pci],
      retiring: false,
      dataset: snapshot,
    });
    expect(regulated.reasons.map(r => [r.ruleId, r.pillarIds])).toEqual([
      ['documentation', ['reliability', 'operational-excellence']],
      [REGULATED_ONLY_RULE, ['reliability']],
    ]);
    expect(regulated.reasons[1].message).toBe(
      'optional in the role catalogue, for highly regulated environments, and regulated: pci',
    );

    const onlyFlagged = writer();
    onlyFlagged.reasons[0].pillarIds = ['reliability'];
    expect(
      fitRoles([onlyFlagged], {
        signals: [],
        retiring: false,
        dataset: snapshot,
      }),
    ).toEqual([]);
  });

  it('gives an entity on its way out no database, backup or operational role, and keeps the rest', () => {
    const snapshot = new RoleDatasetSnapshot(dataset);
    const role = (roleId: string): EvaluatedRole => ({
      roleId,
      reasons: [{ ...writer().reasons[0], pillarIds: ['reliability'] }],
    });
    const found = fitRoles(
      [...NOT_WHILE_RETIRING, 'change-manager', 'data-steward'].map(role),
      { signals: [], retiring: true, dataset: snapshot },
    );
    expect(found.map(r => r.roleId)).toEqual([
      'change-manager',
      'data-steward',
    ]);
  });
});

describe('regulated-only roles and retiring lifecycles, through the stored evaluation', () => {
  const credentials = mockCredentials.user();

  function component(
    name: string,
    spec: Record<string, unknown>,
    extra: Partial<Entity['metadata']> = {},
  ): Entity[] {
    return [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name,
          namespace: 'default',
          annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
          ...extra,
        },
        spec: { type: 'service', ...spec },
        relations: [
          { type: 'dependsOn', targetRef: `resource:default/${name}-db` },
          { type: 'providesApi', targetRef: `api:default/${name}-api` },
        ],
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: { name: `${name}-db`, namespace: 'default' },
        spec: { type: 'database' },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'API',
        metadata: {
          name: `${name}-api`,
          namespace: 'default',
          tags: ['public'],
        },
        spec: { type: 'openapi', lifecycle: 'production' },
      },
    ];
  }

  async function suggested(name: string, entities: Entity[]) {
    const { suggestions } = testServices({
      dataset,
      catalog: catalogServiceMock({ entities }),
    });
    return suggestions.suggest(
      { kind: 'component', namespace: 'default', name },
      credentials,
    );
  }

  it('suggests the Technical Writer for a public, documented API only when the entity is regulated', async () => {
    const plain = await suggested(
      'shop',
      component('shop', { lifecycle: 'production' }),
    );
    expect(plain.suggestions.map(s => s.roleId)).not.toContain(
      'technical-writer',
    );
    expect(plain.gaps.flatMap(g => g.roleIds)).not.toContain(
      'technical-writer',
    );

    const regulated = await suggested(
      'cards',
      component('cards', { lifecycle: 'production' }, { tags: ['pci'] }),
    );
    const tw = regulated.suggestions.find(s => s.roleId === 'technical-writer');
    expect(tw?.pillarIds).toEqual(['reliability']);
    expect(tw?.reasons.map(r => r.message)).toContainEqual(
      expect.stringMatching(
        /^optional in the role catalogue, for highly regulated environments, and /,
      ),
    );
  });

  it('gives a decommissioned or retiring Component no database role; a production one has one', async () => {
    const roles = async (lifecycle: string) =>
      (
        await suggested(
          `svc-${lifecycle}`,
          component(`svc-${lifecycle}`, { lifecycle }),
        )
      ).suggestions.map(s => s.roleId);
    expect(await roles('production')).toContain('database-administrator');
    for (const lifecycle of ['decommissioned', 'retiring', 'deprecated']) {
      const found = await roles(lifecycle);
      expect(found).not.toContain('database-administrator');
      expect(found).toContain('change-manager');
    }
  });
});
