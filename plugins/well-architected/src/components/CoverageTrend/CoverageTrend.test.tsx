import { act, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import {
  coverageHistoryResponse,
  mockWellArchitectedApi,
  testApis,
} from '../../__testUtils__/fixtures';
import { CoverageTrend } from './CoverageTrend';

function renderTrend(
  api = mockWellArchitectedApi(),
  props: Parameters<typeof CoverageTrend>[0] = {},
) {
  return renderInTestApp(<CoverageTrend {...props} />, {
    apis: testApis(api),
  });
}

describe('CoverageTrend', () => {
  it('draws each pillar by day, says it in words, and says when history starts', async () => {
    const api = mockWellArchitectedApi();
    await renderTrend(api, {
      domain: 'domain:default/commerce',
      pillarTitle: id => id.toUpperCase(),
    });
    // jsdom lays nothing out, so the chart draws no lines here: the e2e journey sees them.
    expect(
      await screen.findByRole('img', {
        name: 'Systems with a suggested role that no group holds, 2026-11-28 to 2026-11-30: SECURITY 4 to 2, RELIABILITY 0 to 0',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Trend: Systems of domain:default/commerce with a suggested role that no group holds, by day',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /History starts on 2026-11-28; snapshots are kept 400 days/,
      ),
    ).toBeInTheDocument();
    expect(api.getCoverageHistory).toHaveBeenCalledWith({
      domain: 'domain:default/commerce',
      days: 90,
    });
  });

  it('asks for the owner when both an owner and a Domain are given', async () => {
    const api = mockWellArchitectedApi();
    await renderTrend(api, {
      owner: 'group:default/payments-team',
      domain: 'domain:default/commerce',
      pillar: 'security',
    });
    await screen.findByRole('img');
    expect(api.getCoverageHistory).toHaveBeenCalledWith({
      owner: 'group:default/payments-team',
      pillar: 'security',
      days: 90,
    });
  });

  it('says that history has not started yet, and invents none', async () => {
    const api = mockWellArchitectedApi();
    api.getCoverageHistory.mockResolvedValue({
      ...coverageHistoryResponse,
      startsOn: undefined,
      points: [],
    });
    await renderTrend(api);
    expect(await screen.findByText(/^No history yet/)).toBeInTheDocument();
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('shows progress while it loads, and the error when it fails', async () => {
    const api = mockWellArchitectedApi();
    let fail: (error: Error) => void = () => {};
    api.getCoverageHistory.mockReturnValue(
      new Promise((_, reject) => {
        fail = reject;
      }),
    );
    await renderTrend(api);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'ServiceUnavailableError',
            message: 'The catalog did not answer',
          },
          request: {
            method: 'GET',
            url: '/api/well-architected/coverage/history',
          },
          response: { statusCode: 503 },
        }),
        { status: 503, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    await act(async () => fail(error));
    expect(
      (await screen.findAllByText(/The catalog did not answer/)).length,
    ).toBeGreaterThan(0);
  });
});
