import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  findCoverageTab,
  mockWellArchitectedApi,
  testApis,
} from './__testUtils__/fixtures';
import wellArchitectedPlugin from './alpha';

function entity(kind: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'payments', namespace: 'default' },
    spec: {},
  };
}

const reviewersCard = wellArchitectedPlugin.getExtension(
  'entity-card:well-architected/reviewers',
);

const groupRolesCard = wellArchitectedPlugin.getExtension(
  'entity-card:well-architected/group-roles',
);

const coverageCard = wellArchitectedPlugin.getExtension(
  'entity-card:well-architected/coverage',
);

describe('well-architected plugin for the new frontend system', () => {
  it('serves the roles page at /well-architected', async () => {
    renderTestApp({
      features: [wellArchitectedPlugin],
      apis: testApis(mockWellArchitectedApi()),
      initialRouteEntries: ['/well-architected'],
    });
    expect(
      await screen.findByRole('link', {
        name: 'Site Reliability Engineer (SRE)',
      }),
    ).toBeInTheDocument();
  });

  it('opens the Coverage tab of the page', async () => {
    renderTestApp({
      features: [wellArchitectedPlugin],
      apis: testApis(mockWellArchitectedApi()),
      initialRouteEntries: ['/well-architected'],
      // The catalog's entity pages, which the coverage rows link to.
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    await userEvent.click(await screen.findByRole('tab', { name: 'Coverage' }));
    expect(await findCoverageTab()).toHaveAttribute('aria-selected', 'true');
  });

  it('serves a role’s detail below the page', async () => {
    renderTestApp({
      features: [wellArchitectedPlugin],
      apis: testApis(mockWellArchitectedApi()),
      initialRouteEntries: ['/well-architected/roles/technical-writer'],
    });
    expect(
      await screen.findByRole('heading', { name: 'Technical Writer' }),
    ).toBeInTheDocument();
  });

  it.each(['System', 'Component'])(
    'shows the reviewers card on a %s page',
    async kind => {
      renderTestApp({
        extensions: [
          createTestEntityPage({ entity: entity(kind) }),
          reviewersCard,
        ],
        apis: testApis(mockWellArchitectedApi()),
      });
      expect(
        await screen.findByText('Well-Architected reviewers'),
      ).toBeInTheDocument();
    },
  );

  it('does not show the reviewers card on a Group page', async () => {
    const api = mockWellArchitectedApi();
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: entity('Group') }),
        reviewersCard,
        groupRolesCard,
        wellArchitectedPlugin.getExtension('page:well-architected'),
      ],
      apis: testApis(api),
    });
    // The page has rendered its cards once the Group's card is there.
    expect(
      await screen.findByText('Well-Architected roles'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Well-Architected reviewers')).toBeNull();
    expect(api.getSuggestions).not.toHaveBeenCalled();
  });

  it('shows the roles card on a Group page', async () => {
    const api = mockWellArchitectedApi();
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: entity('Group') }),
        groupRolesCard,
        // The card links each role to its page.
        wellArchitectedPlugin.getExtension('page:well-architected'),
      ],
      apis: testApis(api),
    });
    expect(
      await screen.findByText('Well-Architected roles'),
    ).toBeInTheDocument();
    expect(api.getGroupRoles).toHaveBeenCalledWith('group:default/payments');
  });

  it('does not show the roles card on a System page', async () => {
    const api = mockWellArchitectedApi();
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: entity('System') }),
        groupRolesCard,
        reviewersCard,
      ],
      apis: testApis(api),
    });
    // The page has rendered its cards once the System's card is there.
    expect(
      await screen.findByText('Well-Architected reviewers'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Well-Architected roles')).toBeNull();
    expect(api.getGroupRoles).not.toHaveBeenCalled();
  });

  it.each([
    ['Group', 'group:default/payments'],
    ['Domain', 'domain:default/payments'],
  ])('shows the coverage card on a %s page', async (kind, ref) => {
    const api = mockWellArchitectedApi();
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: entity(kind) }),
        coverageCard,
        // The card links to the coverage view and to the roles most often missing.
        wellArchitectedPlugin.getExtension('page:well-architected'),
      ],
      apis: testApis(api),
    });
    expect(
      await screen.findByText('Well-Architected coverage'),
    ).toBeInTheDocument();
    expect(api.getCoverageRollUp).toHaveBeenCalledWith(ref);
  });

  it('does not show the coverage card on a System page', async () => {
    const api = mockWellArchitectedApi();
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: entity('System') }),
        coverageCard,
        reviewersCard,
      ],
      apis: testApis(api),
    });
    expect(
      await screen.findByText('Well-Architected reviewers'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Well-Architected coverage')).toBeNull();
    expect(api.getCoverageRollUp).not.toHaveBeenCalled();
  });
});
