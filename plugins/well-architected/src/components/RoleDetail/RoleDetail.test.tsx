import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityPresentationApi,
  entityPresentationApiRef,
} from '@backstage/plugin-catalog-react';
import { WellArchitectedApi, WellArchitectedClient } from '../../api';
import {
  FreshPermissions,
  mockWellArchitectedApi,
  pillars,
  sreSystemsResponse,
  testApis,
  unknownRoleResponse,
  mountedRoutes,
} from '../../__testUtils__/fixtures';
import { RoleDetail } from './RoleDetail';

function renderDetail(
  roleId: string,
  api: WellArchitectedApi = mockWellArchitectedApi(),
  mayChangeLinks = true,
) {
  return renderInTestApp(
    <FreshPermissions>
      <RoleDetail roleId={roleId} />
    </FreshPermissions>,
    {
      apis: testApis(api, { mayChangeLinks }),
      mountedRoutes,
    },
  );
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

  it('says that an unknown role does not exist when the backend answers 404', async () => {
    const fetch = jest.fn(async (url: string) =>
      url.endsWith('/pillars')
        ? new Response(JSON.stringify(pillars), {
            headers: { 'Content-Type': 'application/json' },
          })
        : unknownRoleResponse('chief-vibes-officer'),
    );
    const client = new WellArchitectedClient({
      discoveryApi: { getBaseUrl: async () => 'http://localhost/api/wa' },
      fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
    });
    await renderDetail('chief-vibes-officer', client);

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

  describe('groups that hold the role', () => {
    it('lists them with where each link comes from', async () => {
      await renderDetail('site-reliability-engineer');
      expect(
        await screen.findByRole('link', { name: 'Payments Team' }),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('link', { name: 'SRE Team' }),
      ).toBeInTheDocument();
      expect(screen.getByText('catalog')).toBeInTheDocument();
      expect(screen.getByText('portal')).toBeInTheDocument();
    });

    it('lets a user with the permissions unlink a portal link and link a group', async () => {
      const api = mockWellArchitectedApi();
      await renderDetail('site-reliability-engineer', api);

      // Only the portal link can be removed here.
      expect(
        await screen.findByRole('button', { name: 'Unlink SRE Team' }),
      ).toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: 'Unlink Payments Team' }),
      ).toBeNull();
      await userEvent.click(
        screen.getByRole('button', { name: 'Unlink SRE Team' }),
      );
      await userEvent.click(
        within(
          await screen.findByRole('dialog', {
            name: 'Unlink SRE Team from this role?',
          }),
        ).getByRole('button', { name: 'Unlink' }),
      );
      await waitFor(() =>
        expect(api.unlinkGroup).toHaveBeenCalledWith(
          'site-reliability-engineer',
          'group:default/sre-team',
        ),
      );
      await waitFor(() => expect(api.getRoleGroups).toHaveBeenCalledTimes(2));

      await userEvent.click(screen.getByLabelText('Link a group'));
      await userEvent.click(await screen.findByText('Web Team'));
      await userEvent.click(screen.getByRole('button', { name: 'Link' }));
      await waitFor(() =>
        expect(api.linkGroup).toHaveBeenCalledWith(
          'site-reliability-engineer',
          'group:default/web-team',
        ),
      );
    });

    it('offers the groups that do not hold the role, teams first, each with its ref and type', async () => {
      await renderDetail('site-reliability-engineer');
      await userEvent.click(await screen.findByLabelText('Link a group'));
      // Payments Team holds the role through the catalog, SRE Team through the portal.
      expect(
        (await screen.findAllByRole('option')).map(o => o.textContent),
      ).toEqual([
        'Web Teamgroup:default/web-team · team',
        'Engineeringgroup:default/engineering · department',
      ]);
      // A group is found by its ref as well as its name.
      await userEvent.type(
        screen.getByRole('textbox', { name: 'Link a group' }),
        'default/eng',
      );
      expect(
        (await screen.findAllByRole('option')).map(o => o.textContent),
      ).toEqual(['Engineeringgroup:default/engineering · department']);
    });

    it('shows no link controls to a user without the permissions', async () => {
      await renderDetail(
        'site-reliability-engineer',
        mockWellArchitectedApi(),
        false,
      );
      expect(
        await screen.findByRole('link', { name: 'SRE Team' }),
      ).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: /Unlink/ })).toBeNull();
      expect(screen.queryByLabelText('Link a group')).toBeNull();
    });

    it('names the groups to pick from as the app presents entities', async () => {
      const presentation: EntityPresentationApi = {
        forEntity: entityOrRef => {
          const entityRef =
            typeof entityOrRef === 'string'
              ? entityOrRef
              : stringifyEntityRef(entityOrRef);
          const snapshot = {
            entityRef,
            primaryTitle: `Team ${parseEntityRef(entityRef).name}`,
          };
          return { snapshot, promise: Promise.resolve(snapshot) };
        },
      };
      await renderInTestApp(
        <FreshPermissions>
          <RoleDetail roleId="site-reliability-engineer" />
        </FreshPermissions>,
        {
          apis: [
            ...testApis(mockWellArchitectedApi()),
            [entityPresentationApiRef, presentation],
          ],
          mountedRoutes,
        },
      );

      await userEvent.click(await screen.findByLabelText('Link a group'));
      const options = await screen.findAllByRole('option');
      expect(options.map(o => o.textContent)).toEqual([
        'Team web-teamgroup:default/web-team · team',
        'Team engineeringgroup:default/engineering · department',
      ]);
    });

    it('says when no group holds the role', async () => {
      await renderDetail('technical-writer');
      expect(
        await screen.findByText(/No group holds this role yet/),
      ).toBeInTheDocument();
    });
  });
});

describe('RoleDetail, where the role is needed', () => {
  it('lists the Systems the role is suggested for, each with its reviewer group or a gap', async () => {
    const api = mockWellArchitectedApi();
    api.getRoleSystems.mockResolvedValue(sreSystemsResponse);
    await renderDetail('site-reliability-engineer', api);
    const table = await screen.findByRole('table', {
      name: 'Systems that need Site Reliability Engineer',
    });
    expect(
      screen.getByText('2 Systems: 1 with a reviewer group, 1 gap'),
    ).toBeInTheDocument();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(row => row.textContent)).toEqual([
      'searchweb-teamReliabilityGap',
      'Paymentspayments-teamSecurity, Reliabilitysre-team',
    ]);
    expect(
      within(rows[1]).getByRole('link', { name: 'Payments' }),
    ).toHaveAttribute('href', '/catalog/default/system/payments');
    expect(api.getRoleSystems).toHaveBeenCalledWith(
      'site-reliability-engineer',
      { limit: 25, offset: 0 },
    );
  });

  it('filters the Systems as the coverage view does, from the first page', async () => {
    const api = mockWellArchitectedApi();
    api.getRoleSystems.mockResolvedValue(sreSystemsResponse);
    await renderDetail('site-reliability-engineer', api);
    await screen.findByRole('table', {
      name: 'Systems that need Site Reliability Engineer',
    });
    const choose = async (filter: string, choice: string) => {
      await userEvent.click(
        screen.getByRole('button', { name: new RegExp(filter) }),
      );
      await userEvent.click(
        await screen.findByRole('option', { name: choice }),
      );
    };
    await choose('Owner', 'Payments Team');
    await choose('Reviewer group', 'No reviewer group');
    await waitFor(() =>
      expect(api.getRoleSystems).toHaveBeenLastCalledWith(
        'site-reliability-engineer',
        {
          owner: 'group:default/payments-team',
          state: 'gap',
          limit: 25,
          offset: 0,
        },
      ),
    );
  });

  it('says when the role is suggested for no System, and shows an error', async () => {
    await renderDetail('technical-writer');
    expect(
      await screen.findByText(/^Not suggested for any System you may see/),
    ).toBeInTheDocument();

    const failing = mockWellArchitectedApi();
    failing.getRoleSystems.mockRejectedValue(
      new Error('Evaluation store down'),
    );
    await renderDetail('technical-writer', failing);
    expect(
      await screen.findByText('Error: Evaluation store down'),
    ).toBeInTheDocument();
    // The role itself is still shown.
    expect(
      screen.getAllByRole('heading', { name: 'Technical Writer' }),
    ).toHaveLength(2);
  });
});
