import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  catalogGroups,
  mockWellArchitectedApi,
  mountedRoutes,
  paymentsTeamRollUp,
  testApis,
} from '../../__testUtils__/fixtures';
import { CoverageCard } from './CoverageCard';

const commerce: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Domain',
  metadata: { name: 'commerce', namespace: 'default' },
  spec: {},
};

function renderCard(entity: Entity, api = mockWellArchitectedApi()) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <CoverageCard />
    </EntityProvider>,
    { apis: testApis(api), mountedRoutes },
  );
}

describe('CoverageCard', () => {
  it("shows a Group's Systems, its gaps per pillar, the roles most often missing and the trend", async () => {
    const api = mockWellArchitectedApi();
    await renderCard(catalogGroups[0], api);
    expect(await screen.findByText('3 Systems')).toBeInTheDocument();
    expect(api.getCoverageRollUp).toHaveBeenCalledWith(
      'group:default/payments-team',
    );
    const pillars = screen.getByRole('table', { name: 'Gaps per pillar' });
    expect(
      within(pillars)
        .getAllByRole('row')
        .map(row => row.textContent),
    ).toEqual(['Security1 gap, 1 partly', 'ReliabilityNo gap']);
    expect(
      screen.getByRole('link', { name: 'Technical Writer' }),
    ).toHaveAttribute('href', '/well-architected/roles/technical-writer');
    expect(screen.getByText('(2 Systems)')).toBeInTheDocument();
    // The trend of the same Group, from the daily history.
    expect(api.getCoverageHistory).toHaveBeenCalledWith(
      expect.objectContaining({ owner: 'group:default/payments-team' }),
    );
    expect(
      screen.getByRole('link', { name: 'Open in the coverage view' }),
    ).toHaveAttribute(
      'href',
      '/well-architected/coverage?owner=group%3Adefault%2Fpayments-team&sort=gaps',
    );
  });

  it("shows a Domain's Systems, with the Domain's trend", async () => {
    const api = mockWellArchitectedApi();
    await renderCard(commerce, api);
    expect(await screen.findByText('3 Systems')).toBeInTheDocument();
    expect(
      await screen.findByText("This Domain's Systems"),
    ).toBeInTheDocument();
    expect(api.getCoverageRollUp).toHaveBeenCalledWith(
      'domain:default/commerce',
    );
    expect(api.getCoverageHistory).toHaveBeenCalledWith(
      expect.objectContaining({
        owner: undefined,
        domain: 'domain:default/commerce',
      }),
    );
  });

  it('says so when the Group owns no System the user may see', async () => {
    const api = mockWellArchitectedApi();
    api.getCoverageRollUp.mockResolvedValue({
      pillarIds: ['security'],
      rollUp: {
        ...paymentsTeamRollUp,
        systemCount: 0,
        totals: [],
        missingRoles: [],
      },
    });
    await renderCard(catalogGroups[0], api);
    expect(await screen.findByText('No System to count')).toBeInTheDocument();
    expect(api.getCoverageHistory).not.toHaveBeenCalled();
  });

  it('shows the error when the roll-up cannot be read', async () => {
    const api = mockWellArchitectedApi();
    api.getCoverageRollUp.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'ServiceUnavailableError', message: 'No catalog' },
            response: { statusCode: 503 },
          }),
          { status: 503, headers: { 'Content-Type': 'application/json' } },
        ),
      ),
    );
    await renderCard(catalogGroups[0], api);
    expect(await screen.findByText(/No catalog/)).toBeInTheDocument();
  });
});
