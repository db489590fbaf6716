import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import {
  mockWellArchitectedApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/fixtures';
import { RuleFeedbackView } from './RuleFeedbackView';

function renderView(api = mockWellArchitectedApi()) {
  return renderInTestApp(<RuleFeedbackView />, {
    apis: testApis(api),
    mountPath: '/well-architected/rules',
    initialRouteEntries: ['/well-architected/rules'],
    mountedRoutes,
  });
}

describe('RuleFeedbackView', () => {
  it('shows each rule with its config id, roles, signals and how owners answered it', async () => {
    await renderView();
    const table = await screen.findByRole('table', {
      name: 'Suggestion rules and their feedback',
    });
    const [, production, retired] = within(table).getAllByRole('row');
    const [rule, suggests, signals, ...counts] =
      within(production).getAllByRole('cell');
    expect(rule).toHaveTextContent('production-workloadsBuilt in · weight 3');
    expect(
      within(suggests).getByRole('link', { name: 'Site Reliability Engineer' }),
    ).toHaveAttribute(
      'href',
      '/well-architected/roles/site-reliability-engineer',
    );
    expect(suggests).toHaveTextContent('Reliability');
    expect(signals).toHaveTextContent('monitoringproduction-workload');
    expect(counts.map(c => c.textContent)).toEqual([
      '4',
      '2',
      '1not applicable: 1',
      '1',
      '67% accepted',
    ]);
    const retiredCells = within(retired).getAllByRole('cell');
    expect(retiredCells[0]).toHaveTextContent('old-ruleNo longer runs');
    expect(retiredCells[5]).toHaveTextContent(
      '2covered elsewhere: 1, other: 1',
    );
    expect(retiredCells[7]).toHaveTextContent('0% accepted');
  });

  it('says what is wrong when the caller may not read the feedback', async () => {
    const api = mockWellArchitectedApi();
    api.getRuleFeedback.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message:
                "Reading the rule feedback needs the permission 'well-architected.rule-feedback.read'",
            },
            request: { method: 'GET', url: '/rules' },
            response: { statusCode: 403 },
          }),
          {
            status: 403,
            statusText: 'Forbidden',
            headers: { 'Content-Type': 'application/json' },
          },
        ),
      ),
    );
    await renderView(api);
    expect(
      await screen.findByText(/well-architected\.rule-feedback\.read/),
    ).toBeInTheDocument();
  });

  it('says so when no rule runs', async () => {
    const api = mockWellArchitectedApi();
    api.getRuleFeedback.mockResolvedValue({ items: [] });
    await renderView(api);
    expect(await screen.findByText('No suggestion rules')).toBeInTheDocument();
  });
});
