import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  catalogGroups,
  FreshPermissions,
  mockWellArchitectedApi,
  testApis,
  mountedRoutes,
} from '../../__testUtils__/fixtures';
import { GroupRolesCard } from './GroupRolesCard';

function renderCard(api = mockWellArchitectedApi(), mayChangeLinks = true) {
  return renderInTestApp(
    <FreshPermissions>
      <EntityProvider entity={catalogGroups[1]}>
        <GroupRolesCard />
      </EntityProvider>
    </FreshPermissions>,
    {
      apis: testApis(api, { mayChangeLinks }),
      mountedRoutes,
    },
  );
}

describe('GroupRolesCard', () => {
  it('lists the roles the group holds, linking to each role', async () => {
    const api = mockWellArchitectedApi();
    await renderCard(api);
    expect(
      await screen.findByRole('link', { name: 'Site Reliability Engineer' }),
    ).toHaveAttribute(
      'href',
      '/well-architected/roles/site-reliability-engineer',
    );
    expect(api.getGroupRoles).toHaveBeenCalledWith('group:default/sre-team');
    expect(screen.getByText('catalog')).toBeInTheDocument();
    expect(screen.getByText('portal')).toBeInTheDocument();
  });

  it('lets an allowed user unlink a portal link and link another role', async () => {
    const api = mockWellArchitectedApi();
    await renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Unlink Site Reliability Engineer',
      }),
    );
    await waitFor(() =>
      expect(api.unlinkGroup).toHaveBeenCalledWith(
        'site-reliability-engineer',
        'group:default/sre-team',
      ),
    );

    await userEvent.click(screen.getByLabelText('Link a role'));
    await userEvent.click(await screen.findByText('Technical Writer'));
    await userEvent.click(screen.getByRole('button', { name: 'Link' }));
    await waitFor(() =>
      expect(api.linkGroup).toHaveBeenCalledWith(
        'technical-writer',
        'group:default/sre-team',
      ),
    );
    // The picker needs ids and titles only, not the whole role dataset.
    expect(api.listRoleSummaries).toHaveBeenCalled();
    expect(api.listRoles).not.toHaveBeenCalled();
  });

  it('shows no link controls to a user without the permissions', async () => {
    await renderCard(mockWellArchitectedApi(), false);
    expect(
      await screen.findByRole('link', { name: 'Site Reliability Engineer' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Unlink/ })).toBeNull();
    expect(screen.queryByLabelText('Link a role')).toBeNull();
  });

  it('warns about role ids the dataset does not have, and says when the group holds none', async () => {
    const api = mockWellArchitectedApi();
    api.getGroupRoles.mockResolvedValue({
      groupRef: 'group:default/sre-team',
      items: [],
      unknownRoleIds: ['sre'],
    });
    await renderCard(api);
    expect(
      await screen.findByText('This group holds no Well-Architected role yet.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Unknown role ids/)).toBeInTheDocument();
    expect(screen.getByText(/linked to sre, which the/)).toBeInTheDocument();
  });

  it('shows the error when the roles cannot be read', async () => {
    const api = mockWellArchitectedApi();
    api.getGroupRoles.mockRejectedValue(
      new Error('The catalog did not answer'),
    );
    await renderCard(api);
    expect(
      (await screen.findAllByText(/The catalog did not answer/)).length,
    ).toBeGreaterThan(0);
  });
});
