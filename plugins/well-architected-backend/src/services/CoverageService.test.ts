import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CoverageSystem } from 'backstage-plugin-well-architected-common';
import { Dataset } from '../dataset/types';
import { exampleEntities } from '../__testUtils__/exampleEntities';
import { policyPermissions } from '../__testUtils__/policyServices';
import { callsWith, testServices } from '../__testUtils__/services';
import { bundledDataset } from '../__testUtils__/testDataset';

/** Reading the catalog is conditional for `checked`; `lead`, like everyone else, reads it all. */
const lead = mockCredentials.user('user:default/lead');
const checked = mockCredentials.user('user:default/checked');
const PAYMENTS = 'system:default/payments';

describe('CoverageService, for callers who may read the whole catalog', () => {
  let dataset: Dataset;

  beforeAll(async () => {
    dataset = await bundledDataset();
  });

  async function setUp() {
    const catalog = catalogServiceMock({ entities: exampleEntities });
    const getEntitiesByRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
    const services = testServices({
      dataset,
      catalog,
      permissions: policyPermissions({ hidesFrom: 'user:default/checked' }),
    });
    await services.evaluator.runRound();
    const payments = async (credentials = lead) =>
      (
        await services.coverage.coverage({ q: 'payments' }, credentials)
      ).items.find(row => row.entityRef === PAYMENTS);
    return { ...services, getEntitiesByRefs, payments };
  }

  const missing = (row: CoverageSystem | undefined) =>
    row!.cells.flatMap(c => c.missingRoleIds);
  const covered = (row: CoverageSystem | undefined) =>
    row!.cells.flatMap(c => c.coveredRoleIds);

  it('answers them without a catalog request, as the catalog-checked answer says when nothing is hidden', async () => {
    const { coverage, getEntitiesByRefs } = await setUp();
    const asLead = await coverage.coverage({ limit: 1000 }, lead);
    expect(callsWith(getEntitiesByRefs.mock.calls, lead)).toEqual([]);

    const asChecked = await coverage.coverage({ limit: 1000 }, checked);
    expect(callsWith(getEntitiesByRefs.mock.calls, checked)).toHaveLength(1);
    expect(asLead).toEqual(asChecked);
    expect(asLead.totalCount).toBeGreaterThan(0);
  });

  it('shows a link, a decision and a new round at once, though the Systems are built once for all such callers', async () => {
    const { payments, roleLinks, decisionStore, evaluationStore } =
      await setUp();
    const [toLink, toDismiss] = missing(await payments());
    expect(toDismiss).toBeDefined();

    const target = await roleLinks.target(
      toLink,
      'group:default/payments-team',
      lead,
    );
    await roleLinks.link(target, 'user:default/lead');
    expect(covered(await payments())).toContain(toLink);
    expect(missing(await payments())).not.toContain(toLink);

    await decisionStore.saveDecision({
      entityRef: PAYMENTS,
      roleId: toDismiss,
      decision: 'dismissed',
      reason: 'not-applicable',
      ruleIds: [],
      decidedBy: 'user:default/lead',
    });
    expect(missing(await payments())).not.toContain(toDismiss);

    await evaluationStore.deleteEvaluations([PAYMENTS]);
    expect(await payments()).toBeUndefined();
  });

  it('brings a dismissed role back when the dismissal expires', async () => {
    const { payments, decisionStore } = await setUp();
    const [roleId] = missing(await payments());
    await decisionStore.saveDecision({
      entityRef: PAYMENTS,
      roleId,
      decision: 'dismissed',
      reason: 'not-applicable',
      expiresAt: new Date(Date.now() + 200),
      ruleIds: [],
      decidedBy: 'user:default/lead',
    });
    expect(missing(await payments())).not.toContain(roleId);
    await new Promise(resolve => setTimeout(resolve, 250));
    expect(missing(await payments())).toContain(roleId);
  });
});
