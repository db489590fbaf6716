import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { Dataset } from '../../dataset/types';
import { bundledDataset } from '../../__testUtils__/testDataset';
import { callsWith, testServices } from '../../__testUtils__/services';
import { withCatalogRelations } from '../../evaluation/catalogRelations';

const entity = (
  kind: string,
  name: string,
  spec: object,
  metadata: object = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', ...metadata },
  spec,
});

/** Two Systems: shop (pci) with a service, its subcomponent and an API; mobile consuming it. */
const catalog = withCatalogRelations([
  entity('System', 'shop', {}, { tags: ['pci'] }),
  entity('System', 'mobile', {}),
  entity('System', 'customers', {}, { tags: ['gdpr'] }),
  entity('Component', 'cart', {
    type: 'service',
    lifecycle: 'production',
    system: 'shop',
    providesApis: ['cart-api'],
    dependsOn: ['component:addresses'],
  }),
  entity('Component', 'receipts', {
    type: 'worker',
    lifecycle: 'production',
    subcomponentOf: 'cart',
    dependsOn: ['resource:receipts-bucket'],
  }),
  entity('Component', 'cart-web', {
    type: 'website',
    lifecycle: 'production',
    system: 'shop',
    consumesApis: ['cart-api'],
  }),
  entity('Component', 'app-bff', {
    type: 'service',
    lifecycle: 'production',
    system: 'mobile',
    consumesApis: ['cart-api'],
  }),
  entity('Component', 'addresses', {
    type: 'service',
    lifecycle: 'production',
    system: 'customers',
  }),
  entity('API', 'cart-api', {
    type: 'openapi',
    lifecycle: 'production',
    system: 'shop',
  }),
  entity('Resource', 'receipts-bucket', { type: 's3' }),
]);

describe('suggestions over relations', () => {
  let dataset: Dataset;

  beforeAll(async () => {
    dataset = await bundledDataset();
  });

  /** The suggested roles by id, and the catalog reads it took. */
  async function suggest(ref: string, entities = catalog) {
    const { result, reads } = await run(ref, entities);
    return {
      roles: new Map(result.suggestions.map(s => [s.roleId, s])),
      reads,
    };
  }

  async function suggestResponse(ref: string) {
    return (await run(ref, catalog)).result;
  }

  async function run(ref: string, entities: Entity[]) {
    const reads = catalogServiceMock.mock();
    const real = catalogServiceMock({ entities });
    reads.getEntitiesByRefs.mockImplementation((req, opts) =>
      real.getEntitiesByRefs(req, opts),
    );
    reads.queryEntities.mockImplementation((req, opts) =>
      real.queryEntities(req, opts),
    );
    const { suggestions } = testServices({ dataset, catalog: reads });
    const credentials = mockCredentials.user();
    const result = await suggestions.suggest(parseEntityRef(ref), credentials);
    return {
      result,
      // The evaluation's reads, not the one that checks what the caller may read.
      reads:
        reads.getEntitiesByRefs.mock.calls.length -
        callsWith(reads.getEntitiesByRefs.mock.calls, credentials).length,
    };
  }

  it('rolls subcomponents up into their Component and its System', async () => {
    for (const ref of ['component:default/cart', 'system:default/shop']) {
      const { roles } = await suggest(ref);
      expect(roles.get('data-steward')?.reasons).toEqual([
        {
          ruleId: 'object-storage',
          signal: 'object-storage',
          message: 'keeps objects in Amazon S3',
          entityRefs: ['resource:default/receipts-bucket'],
        },
      ]);
    }
  });

  it('gives a Component the regulation of its System, with weak confidence', async () => {
    const { roles } = await suggest('component:default/cart-web');
    const officer = roles.get('compliance-officer');
    expect(officer?.reasons[0]).toMatchObject({
      signal: 'regulated',
      entityRefs: ['system:default/shop'],
    });
    expect(officer?.confidence).toBe('weak');
    expect(roles.get('site-reliability-engineer')?.confidence).toBe('strong');
  });

  it('names the pillars that no suggestion serves, apart from the gaps', async () => {
    const result = await suggestResponse('component:default/addresses');
    expect(result.suggestions.map(s => s.roleId).sort()).toEqual([
      'compliance-officer',
      'data-protection-officer',
      'incident-response-manager',
      'site-reliability-engineer',
      'software-developer',
    ]);
    expect(result.uncoveredPillarIds).toEqual([
      'performance-efficiency',
      'cost-optimization',
      'sustainability',
    ]);
    expect(result.gaps.flatMap(g => g.roleIds)).toContain(
      'site-reliability-engineer',
    );
  });

  it('counts an API consumed by another System as a public contract', async () => {
    const { roles } = await suggest('component:default/cart');
    expect(roles.get('api-product-owner')?.reasons).toEqual([
      {
        ruleId: 'public-apis',
        signal: 'public-contract',
        message: 'public contract: an API consumed by 1 other System',
        entityRefs: ['api:default/cart-api'],
      },
    ]);
  });

  it('does not count consumers inside the same System', async () => {
    const { roles } = await suggest(
      'system:default/shop',
      withCatalogRelations(
        catalog
          .filter(e => e.metadata.name !== 'app-bff')
          .map(({ relations, ...e }) => e),
      ),
    );
    expect(roles.has('api-product-owner')).toBe(false);
    expect(roles.has('site-reliability-engineer')).toBe(true);
  });

  it('passes personal data on from a Component it depends on', async () => {
    const { roles } = await suggest('component:default/cart');
    expect(roles.get('data-protection-officer')?.reasons[0]).toMatchObject({
      signal: 'personal-data',
      entityRefs: ['system:default/customers'],
    });
  });

  it('puts no consumer of a regulated API in its scope, but asks about staff tools that use it', async () => {
    const { roles } = await suggest('component:default/app-bff');
    expect(roles.has('compliance-officer')).toBe(false);
    const withConsole = withCatalogRelations([
      ...catalog.map(({ relations, ...e }) => e),
      entity(
        'Component',
        'support-console',
        {
          type: 'website',
          lifecycle: 'production',
          system: 'mobile',
          consumesApis: ['cart-api'],
        },
        { tags: ['internal-only'] },
      ),
    ]);
    const staff = await suggest(
      'component:default/support-console',
      withConsole,
    );
    expect(staff.roles.get('compliance-officer')?.reasons[0]).toEqual({
      ruleId: 'staff-data-access',
      signal: 'consumes-regulated-data',
      message: 'uses the data of shop through its API: tagged pci',
      entityRefs: ['system:default/shop'],
    });
  });

  it('reads the neighbourhood in one batch per level', async () => {
    // The System; its parts; their subcomponents, dependencies and API consumers; the Systems of
    // the dependencies; nothing more.
    const { reads } = await suggest('system:default/shop');
    expect(reads).toBeLessThanOrEqual(4);
  });
});
