import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { CoverageResponse } from 'backstage-plugin-well-architected-common';
import { WellArchitectedClient } from '../../api';
import {
  coverageHistoryResponse,
  coverageResponse,
  coverageRollUpsResponse,
  mountedRoutes,
  pillars,
  sre,
  technicalWriter,
  testApis,
} from '../../__testUtils__/fixtures';
import { CoverageView } from './CoverageView';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

/**
 * The real client against a backend that answers the pillars, the role summaries and coverage
 * (with `coverage`, by default the fixtures'), and records the coverage requests.
 */
function backend(
  coverage: () => Promise<Response> = async () => json(coverageResponse),
) {
  const coverageUrls: URL[] = [];
  const historyUrls: URL[] = [];
  const rollUpUrls: URL[] = [];
  const fetch = jest.fn(async (url: string) => {
    const { pathname } = new URL(url);
    if (pathname.endsWith('/coverage/rollups')) {
      rollUpUrls.push(new URL(url));
      return json(coverageRollUpsResponse);
    }
    if (pathname.endsWith('/pillars')) {
      return json(pillars);
    }
    if (pathname.endsWith('/coverage/history')) {
      historyUrls.push(new URL(url));
      return json(coverageHistoryResponse);
    }
    if (pathname.endsWith('/role-summaries')) {
      return json({
        items: [sre, technicalWriter].map(({ id, title }) => ({ id, title })),
      });
    }
    coverageUrls.push(new URL(url));
    return coverage();
  });
  const client = new WellArchitectedClient({
    discoveryApi: { getBaseUrl: async () => 'http://localhost/api/wa' },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  /** The query of the last coverage request. */
  const lastQuery = () =>
    Object.fromEntries(coverageUrls[coverageUrls.length - 1].searchParams);
  return { client, coverageUrls, historyUrls, rollUpUrls, lastQuery };
}

function renderView(
  client: WellArchitectedClient,
  path = '/well-architected/coverage',
) {
  return renderInTestApp(<CoverageView />, {
    apis: testApis(client),
    mountPath: '/well-architected/coverage',
    initialRouteEntries: [path],
    mountedRoutes,
  });
}

/** Opens a filter's menu and picks one of its choices. */
async function choose(filter: string, choice: string) {
  fireEvent.mouseDown(screen.getByRole('button', { name: new RegExp(filter) }));
  await userEvent.click(await screen.findByRole('option', { name: choice }));
}

describe('CoverageView', () => {
  it('shows each System by pillar in words, with totals per pillar, each row linking to the System', async () => {
    const { client } = backend();
    await renderView(client);

    const table = await screen.findByRole('table', {
      name: 'Coverage of Systems by pillar',
    });
    expect(screen.getByText('4 Systems')).toBeInTheDocument();
    const [header, ...rows] = within(table).getAllByRole('row');
    expect(
      within(header)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual([
      'System',
      'Owner',
      'Security1 covered, 1 partly, 1 gap, 1 not needed',
      'Reliability1 covered, 0 partly, 0 gaps, 3 not needed',
    ]);
    expect(rows.map(row => [...row.children].map(c => c.textContent))).toEqual([
      ['Billing Gateway', 'payments-team', 'Gap', 'Not needed'],
      ['payments', 'payments-team', 'Covered', 'Covered'],
      ['search', 'payments-team', 'Partly (1 of 2)', 'Not needed'],
      ['wiki', 'payments-team', 'Not needed', 'Not needed'],
    ]);
    expect(
      screen.getByRole('link', { name: 'Billing Gateway' }),
    ).toHaveAttribute('href', '/catalog/default/system/billing');
    // The roles behind a cell, by title.
    expect(screen.getByText('Partly (1 of 2)')).toHaveAttribute(
      'title',
      'No reviewer group: Technical Writer. Reviewed: Site Reliability Engineer',
    );
  });

  it('asks again with each filter, the search and the order, from the first page', async () => {
    const { client, lastQuery } = backend();
    await renderView(client, '/well-architected/coverage?offset=25');
    await screen.findByRole('table');
    expect(lastQuery()).toEqual({ sort: 'name', limit: '25', offset: '25' });

    await choose('Pillar', 'Security');
    await waitFor(() =>
      expect(lastQuery()).toEqual({
        pillar: 'security',
        sort: 'name',
        limit: '25',
        offset: '0',
      }),
    );
    await choose('Owner', 'Payments Team');
    await choose('Lifecycle', 'production');
    await choose('Tier', 'tier-1');
    await choose('Order', 'Most gaps first');
    await userEvent.type(screen.getByLabelText('Search Systems'), 'bill');
    await waitFor(() =>
      expect(lastQuery()).toEqual({
        owner: 'group:default/payments-team',
        lifecycle: 'production',
        tier: 'tier-1',
        pillar: 'security',
        q: 'bill',
        sort: 'gaps',
        limit: '25',
        offset: '0',
      }),
    );
  });

  it('rolls the Systems up by owner Group, and shows the Systems of one', async () => {
    const { client, rollUpUrls, lastQuery } = backend();
    await renderView(client, '/well-architected/coverage?tier=tier-1');
    await screen.findByRole('table', { name: 'Coverage of Systems by pillar' });
    await userEvent.click(
      screen.getByRole('button', { name: 'By owner Group' }),
    );
    const table = await screen.findByRole('table', {
      name: 'Coverage by owner Group',
    });
    expect(
      Object.fromEntries(rollUpUrls[rollUpUrls.length - 1].searchParams),
    ).toEqual({ by: 'group', tier: 'tier-1', limit: '25', offset: '0' });
    expect(
      within(table)
        .getAllByRole('row')
        .map(row =>
          within(row)
            .queryAllByRole('cell')
            .map(c => c.textContent),
        ),
    ).toEqual([
      [],
      [
        'engineering',
        '3 Systems',
        '1 gap, 1 partly',
        'No gap',
        'Technical Writer (2 Systems)',
      ],
      [
        'payments-team',
        '3 Systems',
        '1 gap, 1 partly',
        'No gap',
        'Technical Writer (2 Systems)',
      ],
    ]);
    expect(
      within(table).getAllByRole('link', { name: 'Technical Writer' })[0],
    ).toHaveAttribute('href', '/well-architected/roles/technical-writer');
    // The search and the export are the Systems' own.
    expect(screen.queryByLabelText('Search Systems')).toBeNull();

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show the 3 Systems of group:default/payments-team',
      }),
    );
    await screen.findByRole('table', { name: 'Coverage of Systems by pillar' });
    await waitFor(() =>
      expect(lastQuery()).toMatchObject({
        owner: 'group:default/payments-team',
        tier: 'tier-1',
      }),
    );
  });

  it('rolls the Systems up by Domain, and says when none matches', async () => {
    const { client } = backend();
    jest.spyOn(client, 'getCoverageRollUps').mockResolvedValue({
      ...coverageRollUpsResponse,
      by: 'domain',
      items: [],
      totalCount: 0,
    });
    await renderView(client, '/well-architected/coverage?show=domain&tier=x');
    expect(await screen.findByText('No Domain matches')).toBeInTheDocument();
    expect(client.getCoverageRollUps).toHaveBeenCalledWith(
      expect.objectContaining({ by: 'domain', tier: 'x' }),
    );
  });

  it('draws the trend of the owner chosen, and of one pillar', async () => {
    const { client, historyUrls } = backend();
    await renderView(client);
    expect(
      await screen.findByRole('img', {
        name: 'Systems with a suggested role that no group holds, 2026-11-28 to 2026-11-30: Security 4 to 2, Reliability 0 to 0',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/History starts on 2026-11-28/),
    ).toBeInTheDocument();
    await choose('Owner', 'Payments Team');
    await choose('Pillar', 'Security');
    await waitFor(() =>
      expect(
        Object.fromEntries(historyUrls[historyUrls.length - 1].searchParams),
      ).toEqual({
        owner: 'group:default/payments-team',
        pillar: 'security',
        days: '90',
      }),
    );
  });

  it('downloads the view as filtered and ordered as CSV', async () => {
    const { client } = backend();
    const exportCoverage = jest
      .spyOn(client, 'exportCoverage')
      .mockResolvedValue('system,name\r\n');
    const createObjectURL = jest.fn(() => 'blob:coverage');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    // jsdom cannot follow a download link.
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    await renderView(
      client,
      '/well-architected/coverage?owner=group:default/payments-team&sort=gaps&offset=25',
    );
    await screen.findByRole('table');
    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(createObjectURL).toHaveBeenCalled();
    click.mockRestore();
    expect(exportCoverage).toHaveBeenCalledWith({
      owner: 'group:default/payments-team',
      sort: 'gaps',
    });
  });

  it('pages through the Systems', async () => {
    const many: CoverageResponse = { ...coverageResponse, totalCount: 30 };
    const { client, lastQuery } = backend(async () => json(many));
    await renderView(client);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Next page' }),
    );
    await waitFor(() => expect(lastQuery().offset).toBe('25'));
  });

  it('says when nothing has been evaluated, and when no System matches the filters', async () => {
    const none: CoverageResponse = {
      ...coverageResponse,
      items: [],
      totalCount: 0,
    };
    const { client } = backend(async () => json(none));
    const first = await renderView(client);
    expect(
      await screen.findByText('No System evaluated yet'),
    ).toBeInTheDocument();
    first.unmount();

    await renderView(client, '/well-architected/coverage?q=nothing');
    expect(await screen.findByText('No System matches')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    expect(
      await screen.findByText('No System evaluated yet'),
    ).toBeInTheDocument();
  });

  it('shows progress while it loads, and the backend’s error when it fails', async () => {
    let answer: (response: Response) => void = () => {};
    const { client } = backend(
      () => new Promise<Response>(resolve => (answer = resolve)),
    );
    await renderView(client);
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();

    answer(
      json(
        {
          error: {
            name: 'ServiceUnavailableError',
            message: 'The catalog did not answer',
          },
          request: { method: 'GET', url: '/api/well-architected/coverage' },
          response: { statusCode: 503 },
        },
        503,
      ),
    );
    expect(
      (await screen.findAllByText(/The catalog did not answer/)).length,
    ).toBeGreaterThan(0);
  });
});
