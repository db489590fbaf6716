import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  catalogGroups,
  FreshPermissions,
  mockWellArchitectedApi,
  testApis,
  mountedRoutes,
} from '../../__testUtils__/fixtures';
import { GroupRolesCard } from './GroupRolesCard';

function renderCard(
  api = mockWellArchitectedApi(),
  mayChangeLinks = true,
  alertApi = mockApis.alert(),
) {
  return renderInTestApp(
    <FreshPermissions>
      <EntityProvider entity={catalogGroups[1]}>
        <GroupRolesCard />
      </EntityProvider>
    </FreshPermissions>,
    {
      apis: testApis(api, { mayChangeLinks, alertApi }),
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

  it('lets an allowed user unlink a portal link, after asking, and link another role', async () => {
    const api = mockWellArchitectedApi();
    const alertApi = mockApis.alert();
    await renderCard(api, true, alertApi);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Unlink Site Reliability Engineer',
      }),
    );
    const question = await screen.findByRole('dialog', {
      name: 'Unlink Site Reliability Engineer from this group?',
    });
    expect(question).toHaveTextContent(
      "The Group's well-architected/roles annotation in the catalog is not changed",
    );
    expect(api.unlinkGroup).not.toHaveBeenCalled();
    await userEvent.click(
      within(question).getByRole('button', { name: 'Unlink' }),
    );
    await waitFor(() =>
      expect(api.unlinkGroup).toHaveBeenCalledWith(
        'site-reliability-engineer',
        'group:default/sre-team',
      ),
    );
    await alertApi.waitForAlert(
      a => a.message === 'Unlinked Site Reliability Engineer from this group',
    );

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    // The picker finds a role by its id too.
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Link a role' }),
      'technical-w',
    );
    await userEvent.click(await screen.findByText('Technical Writer'));
    await userEvent.click(screen.getByRole('button', { name: 'Link' }));
    await waitFor(() =>
      expect(api.linkGroup).toHaveBeenCalledWith(
        'technical-writer',
        'group:default/sre-team',
      ),
    );
    await alertApi.waitForAlert(
      a => a.message === 'Linked Technical Writer to this group',
    );
    // The picker needs ids and titles only, not the whole role dataset.
    expect(api.listRoleSummaries).toHaveBeenCalled();
    expect(api.listRoles).not.toHaveBeenCalled();
  });

  it('offers no role the group already holds, from the catalog or the portal', async () => {
    await renderCard();
    await userEvent.click(await screen.findByLabelText('Link a role'));
    expect(
      (await screen.findAllByRole('option')).map(o => o.textContent),
    ).toEqual(['Technical Writer']);
  });

  it('keeps the link when the user cancels the question', async () => {
    const api = mockWellArchitectedApi();
    await renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Unlink Site Reliability Engineer',
      }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Cancel',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.unlinkGroup).not.toHaveBeenCalled();
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
