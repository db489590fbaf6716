import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import { Dataset } from '../../dataset/types';
import { bundledDataset } from '../../__testUtils__/testDataset';
import { exampleEntities } from '../../__testUtils__/exampleEntities';
import { defaultSuggestionRules } from './defaultRules';
import { callsWith, testServices } from '../../__testUtils__/services';
import { SuggestionRule } from 'backstage-plugin-well-architected-node';

const credentials = mockCredentials.user();

/** A system with `n` production services, each depending on its own database. */
function bigSystem(n: number): Entity[] {
  const parts = Array.from({ length: n }, (_, i) => i);
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'big', namespace: 'default' },
      spec: {},
      relations: parts.map(i => ({
        type: 'hasPart',
        targetRef: `component:default/svc-${i}`,
      })),
    },
    ...parts.flatMap((i): Entity[] => [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: `svc-${i}`, namespace: 'default' },
        spec: { type: 'service', lifecycle: 'production' },
        relations: [
          { type: 'dependsOn', targetRef: `resource:default/db-${i}` },
        ],
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: { name: `db-${i}`, namespace: 'default' },
        spec: { type: 'database' },
      },
    ]),
  ];
}

describe('SuggestionEngine, through the stored evaluation', () => {
  let dataset: Dataset;

  beforeAll(async () => {
    dataset = await bundledDataset();
  });

  function engineFor(entities: Entity[], rules = defaultSuggestionRules) {
    const catalog = catalogServiceMock.mock();
    const real = catalogServiceMock({ entities });
    catalog.getEntitiesByRefs.mockImplementation((req, opts) =>
      real.getEntitiesByRefs(req, opts),
    );
    catalog.queryEntities.mockImplementation((req, opts) =>
      real.queryEntities(req, opts),
    );
    const { suggestions } = testServices({ dataset, catalog, rules });
    return { engine: suggestions, catalog };
  }

  it('rolls a system up over its parts and what they depend on', async () => {
    const { engine } = engineFor(exampleEntities);
    const result = await engine.suggest(
      { kind: 'system', namespace: 'default', name: 'payments' },
      credentials,
    );
    expect(result.inspectedEntityRefs.sort()).toEqual([
      'api:default/payments-public-api',
      'component:default/payments-api',
      'resource:default/payments-db',
      'system:default/payments',
    ]);
    expect(result.suggestions.map(s => [s.roleId, s.score])).toEqual([
      ['api-product-owner', 3],
      ['backup-administrator', 3],
      ['database-administrator', 3],
      ['incident-response-manager', 3],
      ['security-architect', 3],
      ['site-reliability-engineer', 3],
      ['software-developer', 1],
    ]);
    expect(
      result.suggestions.find(s => s.roleId === 'database-administrator')
        ?.reasons,
    ).toEqual([
      {
        ruleId: 'databases',
        signal: 'database',
        message: 'stores data in a database',
        entityRefs: ['resource:default/payments-db'],
      },
    ]);
  });

  it('suggests for a component from its own data and its resources', async () => {
    const { engine } = engineFor(exampleEntities);
    const result = await engine.suggest(
      { kind: 'component', namespace: 'default', name: 'payments-api' },
      credentials,
    );
    expect(result.suggestions.map(s => s.roleId)).toContain(
      'database-administrator',
    );
  });

  it('evaluates an entity no round has evaluated in at most three round trips, whatever the size, then asks once as the caller', async () => {
    for (const size of [1, 50]) {
      const { engine, catalog } = engineFor(bigSystem(size));
      const result = await engine.suggest(
        { kind: 'system', namespace: 'default', name: 'big' },
        credentials,
      );
      expect(catalog.getEntityByRef).not.toHaveBeenCalled();
      expect(result.inspectedEntityRefs).toHaveLength(1 + 2 * size);
      const calls = catalog.getEntitiesByRefs.mock.calls;
      const asCaller = callsWith(calls, credentials);
      const asPlugin = calls.filter(call => !asCaller.includes(call));
      expect(asPlugin).toHaveLength(3);
      for (const [request] of asPlugin) {
        expect(request.fields).toContain('relations');
      }
      // What the caller may read: one request, names only.
      expect(asCaller).toHaveLength(1);
      expect(asCaller[0][0].fields).toEqual([
        'kind',
        'metadata.namespace',
        'metadata.name',
      ]);

      // Asked again, the stored evaluation answers: one more request, as the caller.
      catalog.getEntitiesByRefs.mockClear();
      await engine.suggest(
        { kind: 'system', namespace: 'default', name: 'big' },
        credentials,
      );
      expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    }
  });

  it('orders suggestions by score, then by role id', async () => {
    const { engine } = engineFor(bigSystem(2));
    const result = await engine.suggest(
      { kind: 'system', namespace: 'default', name: 'big' },
      credentials,
    );
    const keys = result.suggestions.map(s => [-s.score, s.roleId] as const);
    expect(keys).toEqual(
      [...keys].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])),
    );
  });

  it('adds the weights of every rule that names the same role', async () => {
    const rules: SuggestionRule[] = [
      {
        id: 'a',
        roles: [{ roleId: 'devops-engineer', pillarIds: ['security'] }],
        weight: 2,
        evaluate: () => ({ message: 'a', entityRefs: [] }),
      },
      {
        id: 'b',
        roles: [{ roleId: 'devops-engineer', pillarIds: ['reliability'] }],
        weight: 5,
        evaluate: () => ({ message: 'b', entityRefs: [] }),
      },
    ];
    const { engine } = engineFor(exampleEntities, rules);
    const [suggestion] = (
      await engine.suggest(
        { kind: 'system', namespace: 'default', name: 'payments' },
        credentials,
      )
    ).suggestions;
    expect(suggestion).toMatchObject({
      roleId: 'devops-engineer',
      roleTitle: 'DevOps Engineer',
      score: 7,
      pillarIds: ['security', 'reliability'],
    });
    // The strongest reason first.
    expect(suggestion.reasons.map(r => r.ruleId)).toEqual(['b', 'a']);
  });

  it('returns no suggestion, and what it looked at, when no rule matches', async () => {
    const { engine } = engineFor([
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'plain', namespace: 'default' },
        spec: { type: 'documentation', lifecycle: 'production' },
      },
    ]);
    const result = await engine.suggest(
      { kind: 'component', namespace: 'default', name: 'plain' },
      credentials,
    );
    expect(result.suggestions).toEqual([]);
    expect(result.inspectedEntityRefs).toEqual(['component:default/plain']);
    expect(result.ruleIds).toEqual(defaultSuggestionRules.map(r => r.id));
  });
});
