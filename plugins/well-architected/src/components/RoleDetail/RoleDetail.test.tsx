import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { wellArchitectedApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { mockWellArchitectedApi } from '../../__testUtils__/fixtures';
import { RoleDetail } from './RoleDetail';

function renderDetail(roleId: string, api = mockWellArchitectedApi()) {
  return renderInTestApp(<RoleDetail roleId={roleId} />, {
    apis: [[wellArchitectedApiRef, api]],
    mountedRoutes: { '/well-architected': rootRouteRef },
  });
}

describe('RoleDetail', () => {
  it('shows the role, its aliases and its responsibilities by pillar and category', async () => {
    await renderDetail('site-reliability-engineer');

    expect(
      await screen.findByRole('heading', { name: 'Site Reliability Engineer' }),
    ).toBeInTheDocument();
    expect(screen.getByText('SRE')).toBeInTheDocument();
    expect(screen.getByText('Reliability')).toBeInTheDocument();
    expect(
      screen.getByText('Engineering & Infrastructure'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Monitors and optimizes service health, SLOs, and reduces toil via automation.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('1 responsibility in 1 pillar.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /All roles/ })).toHaveAttribute(
      'href',
      '/well-architected',
    );
  });

  it('says that an unknown role does not exist', async () => {
    await renderDetail('chief-vibes-officer');

    expect(await screen.findByText(/Role not found/)).toBeInTheDocument();
    expect(
      screen.getByText(
        /There is no Well-Architected role with id 'chief-vibes-officer'/,
      ),
    ).toBeInTheDocument();
  });

  it('shows other errors as they are', async () => {
    const api = mockWellArchitectedApi();
    api.getRole.mockRejectedValue(new Error('Bad Gateway'));
    await renderDetail('site-reliability-engineer', api);

    expect((await screen.findAllByText(/Bad Gateway/)).length).toBeGreaterThan(
      0,
    );
  });
});
