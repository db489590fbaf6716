import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { roleLinkResourceRef } from 'backstage-plugin-well-architected-common';
import {
  catalogGroups,
  FreshPermissions,
  mockWellArchitectedApi,
  testApis,
  mountedRoutes,
} from '../../__testUtils__/fixtures';
import { GroupRolesCard } from './GroupRolesCard';

jest.setTimeout(30_000);

describe('GroupRolesCard with a policy that decides per link', () => {
  it('asks about each link with its resource ref and shows controls only where allowed', async () => {
    const asked: string[] = [];
    const allowed = roleLinkResourceRef({
      roleId: 'technical-writer',
      groupRef: 'group:default/sre-team',
    });
    const permissions = mockApis.permission({
      authorize: request => {
        const { resourceRef } = request as { resourceRef?: string };
        asked.push(`${request.permission.name} ${resourceRef}`);
        return resourceRef === allowed
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY;
      },
    });
    await renderInTestApp(
      <FreshPermissions>
        <EntityProvider entity={catalogGroups[1]}>
          <GroupRolesCard />
        </EntityProvider>
      </FreshPermissions>,
      {
        apis: [
          ...testApis(mockWellArchitectedApi()).filter(
            ([ref]) => ref !== permissionApiRef,
          ),
          [permissionApiRef, permissions],
        ],
        mountedRoutes,
      },
    );

    await screen.findByRole('link', { name: 'Site Reliability Engineer' });
    await userEvent.click(await screen.findByLabelText('Link a role'));
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual(['Technical Writer']);
    // The portal link of Site Reliability Engineer may not be removed by this user.
    expect(screen.queryByRole('button', { name: /^Unlink / })).toBeNull();
    expect(asked).toContain(
      'well-architected.role-link.delete site-reliability-engineer:group:default/sre-team',
    );
    expect(asked).toContain(`well-architected.role-link.create ${allowed}`);
    expect(
      within(screen.getByRole('listbox')).queryByText(
        'Site Reliability Engineer',
      ),
    ).toBeNull();
  });
});
