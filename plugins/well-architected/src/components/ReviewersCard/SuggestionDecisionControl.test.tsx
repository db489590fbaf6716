import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { Entity } from '@backstage/catalog-model';
import {
  Suggestion,
  SuggestionsResponse,
} from 'backstage-plugin-well-architected-common';
import {
  FreshPermissions,
  mockWellArchitectedApi,
  mountedRoutes,
  paymentsSuggestions,
  testApis,
} from '../../__testUtils__/fixtures';
import { ReviewersCard } from './ReviewersCard';

jest.setTimeout(30_000);

const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { owner: 'payments-team' },
};

const [sre, securityArchitect] = paymentsSuggestions.suggestions;

/** The suggestions with `decision` on the Security Architect, the role no group holds. */
function withDecision(decision: Suggestion['decision']): SuggestionsResponse {
  return {
    ...paymentsSuggestions,
    suggestions: [sre, { ...securityArchitect, decision }],
  };
}

async function renderCard(
  options: {
    suggestions?: SuggestionsResponse;
    allow?: boolean;
    api?: ReturnType<typeof mockWellArchitectedApi>;
  } = {},
) {
  const api = options.api ?? mockWellArchitectedApi();
  if (options.suggestions) {
    api.getSuggestions.mockResolvedValue(options.suggestions);
  }
  const alertApi = mockApis.alert();
  const asked: string[] = [];
  const permissions = mockApis.permission({
    authorize: request => {
      asked.push(
        `${request.permission.name} ${
          (request as { resourceRef?: string }).resourceRef
        }`,
      );
      return options.allow === false
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW;
    },
  });
  await renderInTestApp(
    <FreshPermissions>
      <EntityProvider entity={payments}>
        <ReviewersCard />
      </EntityProvider>
    </FreshPermissions>,
    {
      apis: [
        ...testApis(api, { alertApi }).filter(
          ([ref]) => ref !== permissionApiRef,
        ),
        [permissionApiRef, permissions],
      ],
      mountedRoutes,
    },
  );
  await screen.findByRole('list', { name: 'Suggested roles' });
  return { api, alertApi, asked };
}

/** The role's row: its title links to the role page (so does the gaps line, outside any row). */
const row = (roleTitle: string) =>
  screen
    .getAllByRole('link', { name: roleTitle })
    .map(link => link.closest('li'))
    .find(Boolean) as HTMLElement;

describe('deciding about a suggested role on the reviewers card', () => {
  it('accepts a role with a suggested reviewer group, shows who accepted it, and undoes it', async () => {
    const { api, asked } = await renderCard();
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Accept Site Reliability Engineer',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    // The top suggested group is picked at first.
    expect(within(dialog).getByLabelText('Reviewer group')).toHaveValue(
      'Payments Team',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Accept' }),
    );
    expect(api.decideSuggestion).toHaveBeenCalledWith(
      'system:default/payments',
      'site-reliability-engineer',
      { decision: 'accepted', groupRef: 'group:default/payments-team' },
    );
    const sreRow = row('Site Reliability Engineer');
    await within(sreRow).findByRole('button', {
      name: 'Undo the decision about Site Reliability Engineer',
    });
    expect(sreRow).toHaveTextContent(
      'Accepted by guest on 2026-12-01: reviewed by payments-team',
    );
    expect(asked).toContain(
      'well-architected.suggestion.decide system:default/payments',
    );

    await userEvent.click(
      within(sreRow).getByRole('button', {
        name: 'Undo the decision about Site Reliability Engineer',
      }),
    );
    expect(api.undoSuggestionDecision).toHaveBeenCalledWith(
      'system:default/payments',
      'site-reliability-engineer',
    );
    expect(
      await within(sreRow).findByRole('button', {
        name: 'Accept Site Reliability Engineer',
      }),
    ).toBeInTheDocument();
  });

  it('accepts a role that no group holds with any Group of the catalog', async () => {
    const { api } = await renderCard();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Accept Security Architect' }),
    );
    const dialog = await screen.findByRole('dialog');
    const accept = within(dialog).getByRole('button', { name: 'Accept' });
    expect(accept).toBeDisabled();
    await userEvent.click(within(dialog).getByLabelText('Reviewer group'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Web Team' }),
    );
    await userEvent.click(accept);
    expect(api.decideSuggestion).toHaveBeenCalledWith(
      'system:default/payments',
      'security-architect',
      { decision: 'accepted', groupRef: 'group:default/web-team' },
    );
  });

  it('dismisses a role as covered elsewhere, naming where, until a date', async () => {
    const { api } = await renderCard();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Dismiss Security Architect' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByLabelText('Covered elsewhere'));
    const dismiss = within(dialog).getByRole('button', { name: 'Dismiss' });
    // Where it is covered is required for this reason.
    expect(dismiss).toBeDisabled();
    await userEvent.type(
      within(dialog).getByLabelText(/^Where/),
      'The security guild',
    );
    await userEvent.type(
      within(dialog).getByLabelText('Suggest again on'),
      '2027-03-01',
    );
    await userEvent.click(dismiss);
    expect(api.decideSuggestion).toHaveBeenCalledWith(
      'system:default/payments',
      'security-architect',
      {
        decision: 'dismissed',
        reason: 'covered-elsewhere',
        where: 'The security guild',
        expiresAt: '2027-03-01T00:00:00.000Z',
      },
    );
    expect(
      await within(row('Security Architect')).findByText(
        /because it is covered elsewhere: The security guild \(suggested again on 2027-03-01\)/,
      ),
    ).toBeInTheDocument();
  });

  it('shows a dismissal made before, and no longer counts the role as a gap', async () => {
    await renderCard({
      suggestions: withDecision({
        entityRef: 'system:default/payments',
        roleId: 'security-architect',
        decision: 'dismissed',
        reason: 'other',
        text: 'The API is retired next month',
        decidedBy: 'user:default/alice',
        decidedAt: '2026-11-20T08:00:00.000Z',
      }),
    });
    const saRow = row('Security Architect');
    expect(saRow).toHaveTextContent(
      'Dismissed by alice on 2026-11-20, because The API is retired next month',
    );
    expect(
      within(saRow).getByRole('button', {
        name: 'Undo the decision about Security Architect',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Gaps:/)).toBeNull();
  });

  it('shows decisions without controls to a user the policy does not let decide', async () => {
    await renderCard({
      allow: false,
      suggestions: withDecision({
        entityRef: 'system:default/payments',
        roleId: 'security-architect',
        decision: 'accepted',
        groupRef: 'group:default/web-team',
        decidedAt: '2026-11-20T08:00:00.000Z',
      }),
    });
    expect(row('Security Architect')).toHaveTextContent(
      'Accepted on 2026-11-20: reviewed by web-team',
    );
    expect(
      screen.queryByRole('button', { name: /^(Accept|Dismiss|Undo)/ }),
    ).toBeNull();
  });

  it("reports the backend's message when a decision is refused", async () => {
    const api = mockWellArchitectedApi();
    api.decideSuggestion.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message: 'You may not decide about the suggestions',
            },
            request: { method: 'PUT', url: '/' },
            response: { statusCode: 403 },
          }),
          { status: 403, headers: { 'Content-Type': 'application/json' } },
        ),
      ),
    );
    const { alertApi } = await renderCard({ api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Dismiss Security Architect' }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Dismiss',
      }),
    );
    expect(alertApi.getAlerts()).toContainEqual(
      expect.objectContaining({
        message:
          'Could not change the decision: You may not decide about the suggestions',
        severity: 'error',
      }),
    );
    // The dialog stays open to try again or cancel.
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });
});
