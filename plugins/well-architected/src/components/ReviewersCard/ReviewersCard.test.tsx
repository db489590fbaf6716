import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  SuggestionsResponse,
  evaluationRefreshPermission,
} from 'backstage-plugin-well-architected-common';
import { renderReviewersCard } from '../../__testUtils__/reviewersCard';
import {
  backendError,
  mockWellArchitectedApi,
  testApis,
  paymentsSuggestions,
  mountedRoutes,
  sre as sreRole,
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
      mountedRoutes,
    },
  );
}

const rows = () =>
  within(screen.getByRole('list', { name: 'Suggested roles' })).getAllByRole(
    'listitem',
  );

describe('ReviewersCard', () => {
  it('sums up, then shows one row per role with its pillars, confidence, strongest reason and top group', async () => {
    const api = mockWellArchitectedApi();
    await renderCard(api);

    expect(
      await screen.findByText('2 roles · 1 with reviewers · 1 gap'),
    ).toBeInTheDocument();
    expect(api.getSuggestions).toHaveBeenCalledWith('system:default/payments');
    // When the background evaluation computed it, as a machine-readable time.
    expect(
      screen
        .getByText(/^Suggested from the catalog as it was/)
        .querySelector('time'),
    ).toHaveAttribute('dateTime', '2026-11-30T09:00:00.000Z');
    // The SRE serves two pillars and is still listed once.
    expect(rows()).toHaveLength(2);
    const sre = rows()[0];
    expect(
      within(sre).getByRole('link', { name: 'Site Reliability Engineer' }),
    ).toHaveAttribute(
      'href',
      '/well-architected/roles/site-reliability-engineer',
    );
    expect(within(sre).getByText('Security')).toBeInTheDocument();
    expect(within(sre).getByText('Reliability')).toBeInTheDocument();
    expect(within(sre).getByText('strong confidence')).toBeInTheDocument();
    expect(
      within(sre).getByText(/runs in production as a service/),
    ).toBeInTheDocument();
    expect(
      within(sre).getByRole('link', { name: /payments-api/ }),
    ).toBeInTheDocument();
    expect(
      within(sre).getByRole('link', { name: 'Payments Team' }),
    ).toBeInTheDocument();
    expect(within(sre).getByText(/and 1 more group/)).toBeInTheDocument();
    expect(within(sre).queryByRole('link', { name: 'Alice Adams' })).toBeNull();
    // Members are asked for when a row is expanded, not for the first view.
    expect(api.getGroupMembers).not.toHaveBeenCalled();
    expect(
      within(rows()[1]).getByText('No group holds this role yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Suggested roles' }),
    ).toBeInTheDocument();
  });

  it('shows every reason, group and member on expand', async () => {
    const api = mockWellArchitectedApi();
    await renderCard(api);

    const details = await screen.findByRole('button', {
      name: 'Details for Site Reliability Engineer',
    });
    expect(details).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(details);

    const sre = rows()[0];
    expect(
      within(sre).getByRole('button', {
        name: 'Hide details for Site Reliability Engineer',
      }),
    ).toHaveAttribute('aria-expanded', 'true');
    expect(
      within(sre).getByText(
        'Strong confidence: two signals of its own, or one that settles it alone, back this role up.',
      ),
    ).toBeInTheDocument();
    expect(within(sre).getAllByText('Loading members…')).toHaveLength(2);
    expect(
      await within(sre).findByRole('link', { name: 'Alice Adams' }),
    ).toBeInTheDocument();
    expect(api.getGroupMembers).toHaveBeenCalledWith(
      'group:default/payments-team',
    );
    expect(api.getGroupMembers).toHaveBeenCalledWith('group:default/sre-team');
    // A group whose members the caller cannot see lists none.
    expect(within(sre).queryByText('Loading members…')).toBeNull();
    expect(within(sre).getAllByText(/^Members:/)).toHaveLength(1);
    expect(
      within(sre).getByRole('link', { name: 'SRE Team' }),
    ).toBeInTheDocument();
    expect(
      within(sre).getByText(
        '(far from the owner payments-team: not connected to it in the organisation)',
      ),
    ).toBeInTheDocument();
    // A group far from the owner says so; the owner does not.
    expect(within(sre).getAllByText('far away')).toHaveLength(1);
  });

  it('names the first members of a large group and links to the group for the rest', async () => {
    const api = mockWellArchitectedApi();
    api.getGroupMembers.mockImplementation(async groupRef => ({
      groupRef,
      members: Array.from({ length: 10 }, (_, i) => ({
        userRef: `user:default/member-${i}`,
        displayName: `Member ${i}`,
      })),
      memberCount: 240,
    }));
    await renderCard(api);

    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Details for Site Reliability Engineer',
      }),
    );
    const sre = rows()[0];
    expect(
      await within(sre).findByRole('link', {
        name: '235 more in Payments Team',
      }),
    ).toBeInTheDocument();
    expect(within(sre).getAllByRole('link', { name: 'Member 4' })).toHaveLength(
      2,
    );
    expect(within(sre).queryByRole('link', { name: 'Member 5' })).toBeNull();
  });

  it('says when the members of a group could not be loaded, and shows the rest', async () => {
    const api = mockWellArchitectedApi();
    api.getGroupMembers.mockImplementation(async groupRef => {
      if (groupRef === 'group:default/sre-team') {
        throw new Error('The catalog did not answer');
      }
      return { groupRef, members: [], memberCount: 0 };
    });
    await renderCard(api);

    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Details for Site Reliability Engineer',
      }),
    );
    const sre = rows()[0];
    expect(
      await within(sre).findByText(
        'Members could not be loaded: The catalog did not answer',
      ),
    ).toBeInTheDocument();
    expect(
      within(sre).getByRole('link', { name: 'SRE Team' }),
    ).toBeInTheDocument();
    expect(within(sre).queryByText('Loading members…')).toBeNull();
  });

  it('filters the rows by pillar and says which pillar it shows', async () => {
    await renderCard();

    const reliability = await screen.findByRole('button', {
      name: 'Reliability (1)',
    });
    expect(reliability).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(reliability);

    expect(
      screen.getByRole('button', { name: 'Reliability (1)' }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(
      screen.getByText('Showing the roles for Reliability'),
    ).toBeInTheDocument();
    expect(rows()).toHaveLength(1);
    expect(
      within(rows()[0]).getByRole('link', {
        name: 'Site Reliability Engineer',
      }),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'All pillars' }));
    expect(rows()).toHaveLength(2);
  });

  it('names the roles nobody holds and the pillars no signal touched', async () => {
    const api = mockWellArchitectedApi();
    api.getSuggestions.mockResolvedValue({
      ...paymentsSuggestions,
      uncoveredPillarIds: ['reliability'],
    });
    await renderCard(api);

    const gaps = await screen.findByText(/^Gaps: no group holds/);
    expect(gaps).toHaveTextContent('Gaps: no group holds Security Architect.');
    expect(
      within(gaps).getByRole('link', { name: 'Security Architect' }),
    ).toHaveAttribute('href', '/well-architected/roles/security-architect');
    expect(
      screen.getByText(/Why not more\? No signal touched Reliability\./),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Coverage' }),
    ).toBeInTheDocument();
  });

  it('offers a gap row "Link a group" in place, and the card shows the new reviewer after linking', async () => {
    const api = mockWellArchitectedApi();
    await renderCard(api);
    const gap = (await screen.findAllByRole('listitem')).find(row =>
      within(row).queryByText('No group holds this role yet'),
    )!;
    expect(
      within(gap).getByRole('link', { name: 'Open the role' }),
    ).toHaveAttribute('href', '/well-architected/roles/security-architect');

    const [sreSuggestion, gapRole] = paymentsSuggestions.suggestions;
    api.getSuggestions.mockResolvedValue({
      ...paymentsSuggestions,
      suggestions: [
        sreSuggestion,
        {
          ...gapRole,
          reviewers: [
            {
              groupRef: 'group:default/web-team',
              displayName: 'Web Team',
              sources: ['portal'],
              closeness: 'sibling',
              reason: 'a sibling team of the owner payments-team',
            },
          ],
        },
      ],
      gaps: [],
    });
    fireEvent.click(
      await within(gap).findByRole('button', {
        name: 'Link a group to Security Architect',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Link a group to Security Architect',
    });
    fireEvent.change(
      await within(dialog).findByRole('textbox', { name: 'Link a group' }),
      { target: { value: 'Web' } },
    );
    fireEvent.click(await screen.findByText('Web Team'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Link' }));
    await waitFor(() =>
      expect(api.linkGroup).toHaveBeenCalledWith(
        'security-architect',
        'group:default/web-team',
      ),
    );
    // The dialog's list of holders is read again once the link is made.
    await waitFor(() => expect(api.getRoleGroups).toHaveBeenCalledTimes(2));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(
      await screen.findByText('2 roles · 2 with reviewers · 0 gaps'),
    ).toBeInTheDocument();
    expect(api.getSuggestions).toHaveBeenCalledTimes(2);
  });

  it('offers no "Link a group" to a user the policy does not allow, and still the role page', async () => {
    await renderInTestApp(
      <EntityProvider entity={payments}>
        <ReviewersCard />
      </EntityProvider>,
      {
        apis: testApis(mockWellArchitectedApi(), { mayChangeLinks: false }),
        mountedRoutes,
      },
    );
    expect(
      await screen.findByRole('link', { name: 'Open the role' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: /^Link a group/ }),
      ).toBeNull(),
    );
  });

  it("expands a role to what to check: its responsibilities in the suggested pillars, in the dataset's words", async () => {
    const api = mockWellArchitectedApi();
    await renderCard(api);
    const [sreRow] = await screen.findAllByRole('listitem');
    fireEvent.click(
      within(sreRow).getByRole('button', {
        name: 'Details for Site Reliability Engineer',
      }),
    );
    const checks = await within(sreRow).findByRole('list', {
      name: 'What to check',
    });
    const suggested = paymentsSuggestions.suggestions[0].pillarIds;
    const expected = sreRole.responsibilities.filter(r =>
      suggested.includes(r.pillarId),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(within(checks).getAllByRole('listitem')).toHaveLength(
      expected.length,
    );
    for (const r of expected) {
      expect(within(checks).getByText(r.description)).toBeInTheDocument();
    }
    expect(api.getRole).toHaveBeenCalledWith('site-reliability-engineer');
  });

  it('shows only the strongest rows until asked for all', async () => {
    const api = mockWellArchitectedApi();
    const [first] = paymentsSuggestions.suggestions;
    api.getSuggestions.mockResolvedValue({
      ...paymentsSuggestions,
      suggestions: Array.from({ length: 10 }, (_, i) => ({
        ...first,
        roleId: `role-${i}`,
        roleTitle: `Role ${i}`,
      })),
    });
    await renderCard(api);

    fireEvent.click(
      await screen.findByRole('button', { name: 'Show all 10 roles' }),
    );
    expect(rows()).toHaveLength(10);
    fireEvent.click(
      screen.getByRole('button', { name: 'Show the first 5 roles' }),
    );
    expect(rows()).toHaveLength(5);
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

  it('shows progress while it loads', async () => {
    const api = mockWellArchitectedApi();
    api.getSuggestions.mockReturnValue(new Promise(() => {}));
    await renderCard(api);

    expect(await screen.findByTestId('progress')).toBeInTheDocument();
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

describe('ReviewersCard refresh', () => {
  const refreshName = /Refresh the suggestions from the catalog now/;

  /** The card where the policy allows (or denies) refreshing the entity; everything else is allowed. */
  async function renderRefreshable(
    api: ReturnType<typeof mockWellArchitectedApi>,
    allowRefresh: boolean,
  ) {
    const alertApi = mockApis.alert();
    const asked = await renderReviewersCard({
      entity: payments,
      api,
      alertApi,
      authorize: name =>
        name === evaluationRefreshPermission.name && !allowRefresh
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    });
    await screen.findByText('2 roles · 1 with reviewers · 1 gap');
    return { alertApi, asked };
  }

  it('evaluates the entity again for its owners, shows progress, then the new answer', async () => {
    const api = mockWellArchitectedApi();
    let answer: (result: SuggestionsResponse) => void = () => {};
    api.refreshEvaluation.mockReturnValue(
      new Promise(resolve => {
        answer = resolve;
      }),
    );
    const { asked } = await renderRefreshable(api, true);

    await userEvent.click(
      await screen.findByRole('button', { name: refreshName }),
    );
    expect(api.refreshEvaluation).toHaveBeenCalledWith(
      'system:default/payments',
    );
    expect(asked).toContain(
      `${evaluationRefreshPermission.name} system:default/payments`,
    );
    const busy = screen.getByRole('button', {
      name: 'Refreshing the suggestions',
    });
    expect(busy).toBeDisabled();
    expect(busy).toHaveTextContent('Refreshing…');

    answer({
      ...paymentsSuggestions,
      suggestions: paymentsSuggestions.suggestions.slice(0, 1),
      evaluatedAt: '2026-12-01T08:00:00.000Z',
    });
    expect(
      await screen.findByText('1 role · 1 with reviewers · 0 gaps'),
    ).toBeInTheDocument();
    expect(
      screen
        .getByText(/^Suggested from the catalog as it was/)
        .querySelector('time'),
    ).toHaveAttribute('dateTime', '2026-12-01T08:00:00.000Z');
    expect(screen.getByRole('button', { name: refreshName })).toBeEnabled();
    expect(api.getSuggestions).toHaveBeenCalledTimes(1);
  });

  it('offers no refresh to a user the policy does not allow', async () => {
    const { asked } = await renderRefreshable(mockWellArchitectedApi(), false);

    await waitFor(() =>
      expect(asked).toContain(
        `${evaluationRefreshPermission.name} system:default/payments`,
      ),
    );
    expect(screen.queryByRole('button', { name: refreshName })).toBeNull();
    expect(
      screen.getByText(/^Suggested from the catalog as it was/),
    ).toBeInTheDocument();
  });

  it("reports a failed refresh in the backend's words and keeps the answer", async () => {
    const api = mockWellArchitectedApi();
    api.refreshEvaluation.mockRejectedValue(
      await backendError(
        503,
        'ServiceUnavailableError',
        'The catalog did not answer, so this cannot be answered right now; try again shortly',
      ),
    );
    const { alertApi } = await renderRefreshable(api, true);

    await userEvent.click(
      await screen.findByRole('button', { name: refreshName }),
    );
    await waitFor(() =>
      expect(alertApi.getAlerts()).toContainEqual(
        expect.objectContaining({
          message:
            'Could not refresh the suggestions: The catalog did not answer, so this cannot be answered right now; try again shortly',
          severity: 'error',
        }),
      ),
    );
    expect(screen.getByRole('button', { name: refreshName })).toBeEnabled();
    expect(
      screen.getByText('2 roles · 1 with reviewers · 1 gap'),
    ).toBeInTheDocument();
  });
});
