import { fireEvent, screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  findCoverageTab,
  mockWellArchitectedApi,
  testApis,
  mountedRoutes,
} from '../../__testUtils__/fixtures';
import { rootRouteRef } from '../../routes';
import { RolesPage } from './RolesPage';

describe('RolesPage (legacy frontend system)', () => {
  const render = (
    path: string,
    routes: Partial<typeof mountedRoutes> & {
      '/'?: typeof rootRouteRef;
    } = mountedRoutes,
  ) =>
    renderInTestApp(
      <TestApiProvider apis={testApis(mockWellArchitectedApi())}>
        <RolesPage />
      </TestApiProvider>,
      {
        routeEntries: [path],
        mountedRoutes: routes,
      },
    );

  it('wraps the role explorer in a page with a header', async () => {
    await render('/');
    expect(screen.getByText('Well-Architected roles')).toBeInTheDocument();
    expect(
      await screen.findByRole('link', {
        name: 'Site Reliability Engineer (SRE)',
      }),
    ).toBeInTheDocument();
  });

  it('has a Coverage tab beside the roles, which shows the coverage of Systems', async () => {
    const roles = await render('/');
    expect(screen.getByRole('tab', { name: 'Roles' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('tab', { name: 'Coverage' })).toHaveAttribute(
      'href',
      '/well-architected/coverage',
    );
    roles.unmount();

    await render('/coverage');
    expect(await findCoverageTab()).toHaveAttribute('aria-selected', 'true');
  });

  it('has a Rules tab beside Coverage, which shows how owners answered each rule', async () => {
    await render('/rules');
    expect(
      await screen.findByRole('table', {
        name: 'Suggestion rules and their feedback',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Rules' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('comes back from a role to the list as it was filtered, with "All roles"', async () => {
    // Mounted at the root, so that the links lead to the page's own routes.
    await render('/?pillar=reliability&q=sre', {
      ...mountedRoutes,
      '/': rootRouteRef,
    });
    fireEvent.click(
      await screen.findByRole('link', {
        name: 'Site Reliability Engineer (SRE)',
      }),
    );
    expect(
      await screen.findByRole('heading', { name: 'Site Reliability Engineer' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'All roles' })).toHaveAttribute(
      'href',
      '/?pillar=reliability&q=sre',
    );
  });

  it('shows a role’s detail below the page', async () => {
    await render('/roles/technical-writer');
    expect(
      await screen.findByRole('heading', { name: 'Technical Writer' }),
    ).toBeInTheDocument();
  });
});
