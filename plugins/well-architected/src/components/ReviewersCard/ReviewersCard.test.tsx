import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { rootRouteRef } from '../../routes';
import {
  mockWellArchitectedApi,
  testApis,
  paymentsSuggestions,
} from '../../__testUtils__/fixtures';
import { ReviewersCard } from './ReviewersCard';

const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { owner: 'payments-team' },
};

function renderCard(api = mockWellArchitectedApi()) {
  return renderInTestApp(
    <EntityProvider entity={payments}>
      <ReviewersCard />
    </EntityProvider>,
    {
      apis: testApis(api),
      mountedRoutes: {
        '/well-architected': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

describe('ReviewersCard', () => {
  it('shows the suggested roles by pillar, with reasons and links to the roles page', async () => {
    const api = mockWellArchitectedApi();
    await renderCard(api);

    expect(
      await screen.findByRole('link', { name: 'Site Reliability Engineer' }),
    ).toHaveAttribute(
      'href',
      '/well-architected/roles/site-reliability-engineer',
    );
    expect(api.getSuggestions).toHaveBeenCalledWith('system:default/payments');
    expect(
      screen.getByRole('heading', { name: 'Reliability' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Security' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('runs in production as a service'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('score 3')).toHaveLength(2);
  });

  it('names the reviewer groups and people under each role, and the gaps', async () => {
    await renderCard();

    expect(
      await screen.findByRole('link', { name: 'Payments Team' }),
    ).toBeInTheDocument();
    expect(screen.getByText('(owns it)')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Alice Adams' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'SRE Team' })).toBeInTheDocument();
    expect(
      screen.getByText('(holds the role elsewhere in the organisation)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No group holds this role yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Coverage gaps' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Security: Security Architect'),
    ).toBeInTheDocument();
  });

  it('says what it looked at when no rule matched', async () => {
    const api = mockWellArchitectedApi();
    api.getSuggestions.mockResolvedValue({
      ...paymentsSuggestions,
      suggestions: [],
    });
    await renderCard(api);

    expect(
      await screen.findByText('No rule matched, so no role is suggested yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /2 rules looked at 2 entities: system:default\/payments/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the error when suggestions fail', async () => {
    const api = mockWellArchitectedApi();
    api.getSuggestions.mockRejectedValue(
      new Error('The catalog did not answer'),
    );
    await renderCard(api);

    expect(
      (await screen.findAllByText(/The catalog did not answer/)).length,
    ).toBeGreaterThan(0);
  });
});
