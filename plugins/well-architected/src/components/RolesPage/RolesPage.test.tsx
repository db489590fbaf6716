import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  findCoverageTab,
  mockWellArchitectedApi,
  testApis,
  mountedRoutes,
} from '../../__testUtils__/fixtures';
import { RolesPage } from './RolesPage';

describe('RolesPage (legacy frontend system)', () => {
  const render = (path: string) =>
    renderInTestApp(
      <TestApiProvider apis={testApis(mockWellArchitectedApi())}>
        <RolesPage />
      </TestApiProvider>,
      {
        routeEntries: [path],
        mountedRoutes,
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

  it('shows a role’s detail below the page', async () => {
    await render('/roles/technical-writer');
    expect(
      await screen.findByRole('heading', { name: 'Technical Writer' }),
    ).toBeInTheDocument();
  });
});
