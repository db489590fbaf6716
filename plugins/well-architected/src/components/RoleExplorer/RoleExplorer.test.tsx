import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { rootRouteRef } from '../../routes';
import {
  mockWellArchitectedApi,
  testApis,
  rolesResponse,
} from '../../__testUtils__/fixtures';
import { RoleExplorer } from './RoleExplorer';

function renderExplorer(
  api = mockWellArchitectedApi(),
  initialRouteEntries = ['/well-architected'],
) {
  return renderInTestApp(<RoleExplorer />, {
    apis: testApis(api),
    mountPath: '/well-architected',
    initialRouteEntries,
    mountedRoutes: {
      '/well-architected': rootRouteRef,
    },
  });
}

describe('RoleExplorer', () => {
  it('lists the matching entries grouped by category, each linking to its role', async () => {
    await renderExplorer();

    expect(
      await screen.findByText('Engineering & Infrastructure'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Architecture & API Governance'),
    ).toBeInTheDocument();
    const link = screen.getByRole('link', {
      name: 'Site Reliability Engineer (SRE)',
    });
    expect(link).toHaveAttribute(
      'href',
      '/well-architected/roles/site-reliability-engineer',
    );
    expect(
      screen.getByText(
        'Monitors and optimizes service health, SLOs, and reduces toil via automation.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Optional: highly regulated environments'),
    ).toBeInTheDocument();
    // Counted as listed: roles, and the responsibilities shown under them.
    expect(
      screen.getByText('2 roles · 2 responsibilities'),
    ).toBeInTheDocument();
  });

  it('filters by pillar when a pillar is chosen', async () => {
    const api = mockWellArchitectedApi();
    await renderExplorer(api);

    fireEvent.click(await screen.findByText('Security (1)'));
    await waitFor(() =>
      expect(api.listRoles).toHaveBeenLastCalledWith(
        expect.objectContaining({ pillar: 'security' }),
      ),
    );
    // The pillar's categories become available as a second filter.
    fireEvent.click(await screen.findByText('Governance & Oversight (1)'));
    await waitFor(() =>
      expect(api.listRoles).toHaveBeenLastCalledWith(
        expect.objectContaining({
          pillar: 'security',
          category: 'security/governance-oversight',
        }),
      ),
    );
  });

  it('searches as the user types', async () => {
    const api = mockWellArchitectedApi();
    await renderExplorer(api);

    fireEvent.change(await screen.findByLabelText('Search roles'), {
      target: { value: 'sre' },
    });
    await waitFor(() =>
      expect(api.listRoles).toHaveBeenLastCalledWith(
        expect.objectContaining({ q: 'sre' }),
      ),
    );
  });

  it('restores the view from the URL', async () => {
    const api = mockWellArchitectedApi();
    await renderExplorer(api, ['/well-architected?pillar=reliability&q=toil']);

    await waitFor(() =>
      expect(api.listRoles).toHaveBeenCalledWith({
        pillar: 'reliability',
        category: undefined,
        q: 'toil',
        limit: 500,
      }),
    );
    expect(await screen.findByLabelText('Search roles')).toHaveValue('toil');
  });

  it('says plainly that a pillar or category of the URL is unknown, naming the valid ones, and shows the list without it', async () => {
    const api = mockWellArchitectedApi();
    await renderExplorer(api, [
      '/well-architected?pillar=reliabilty&category=nope&q=sre',
    ]);

    expect(
      await screen.findByText(
        "Unknown pillar 'reliabilty' in the address, so all pillars are shown. The pillars are: security, reliability.",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Unknown category 'nope' in the address/),
    ).toHaveTextContent(
      'The categories are: security/governance-oversight, reliability/engineering-infrastructure, reliability/architecture-api-governance.',
    );
    await waitFor(() =>
      expect(api.listRoles).toHaveBeenCalledWith({
        pillar: undefined,
        category: undefined,
        q: 'sre',
        limit: 500,
      }),
    );
    expect(api.listRoles).not.toHaveBeenCalledWith(
      expect.objectContaining({ pillar: 'reliabilty' }),
    );
    expect(
      await screen.findByText('2 roles · 2 responsibilities'),
    ).toBeInTheDocument();
  });

  it('says so when nothing matches', async () => {
    const api = mockWellArchitectedApi();
    api.listRoles.mockResolvedValue(rolesResponse([]));
    await renderExplorer(api);

    expect(await screen.findByText('No role matches')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Clear filters' }),
    ).toBeInTheDocument();
  });

  it('shows an error when the backend fails', async () => {
    const api = mockWellArchitectedApi();
    api.getPillars.mockRejectedValue(new Error('Service Unavailable'));
    await renderExplorer(api);

    expect(
      (await screen.findAllByText(/Service Unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});
