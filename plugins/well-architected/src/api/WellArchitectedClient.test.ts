import { WellArchitectedClient } from './WellArchitectedClient';

describe('WellArchitectedClient', () => {
  const discoveryApi = {
    getBaseUrl: async () => 'http://backstage/api/well-architected',
  };

  /** A client whose fetch answers every request with `status` and `body`, and records them. */
  function clientAnswering(status: number, body?: unknown) {
    const requests: Array<{ url: string; method?: string; body?: unknown }> =
      [];
    const fetch = jest.fn(async (url: string, init?: RequestInit) => {
      requests.push({ url, method: init?.method, body: init?.body });
      return new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    });
    return {
      requests,
      client: new WellArchitectedClient({
        discoveryApi,
        fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
      }),
    };
  }

  it('passes only the filters that are set', async () => {
    const { requests, client } = clientAnswering(200, { items: [] });
    await client.listRoles({ pillar: 'security', q: 'a b&c', category: '' });
    expect(requests.map(r => r.url)).toEqual([
      'http://backstage/api/well-architected/roles?pillar=security&q=a%20b%26c',
    ]);
  });

  it('asks for coverage with the filters that are set', async () => {
    const { requests, client } = clientAnswering(200, { items: [] });
    await client.getCoverage({
      owner: 'group:default/sre-team',
      q: '',
      pillar: 'security',
      sort: 'gaps',
      offset: 25,
    });
    expect(requests.map(r => r.url)).toEqual([
      'http://backstage/api/well-architected/coverage?owner=group%3Adefault%2Fsre-team&pillar=security&sort=gaps&offset=25',
    ]);
  });

  it('asks for the history of coverage with the filters that are set', async () => {
    const { requests, client } = clientAnswering(200, { points: [] });
    await client.getCoverageHistory({
      domain: 'domain:default/commerce',
      pillar: 'security',
      days: 30,
    });
    expect(requests.map(r => r.url)).toEqual([
      'http://backstage/api/well-architected/coverage/history?domain=domain%3Adefault%2Fcommerce&pillar=security&days=30',
    ]);
  });

  it('asks for the CSV of coverage with the filters that are set, as text', async () => {
    const { requests, client } = clientAnswering(200, 'system,name\r\n');
    await expect(
      client.exportCoverage({ tier: 'tier-1', q: '', sort: 'gaps' }),
    ).resolves.toBe('"system,name\\r\\n"');
    expect(requests.map(r => r.url)).toEqual([
      'http://backstage/api/well-architected/coverage.csv?tier=tier-1&sort=gaps',
    ]);
  });

  it('asks for the role summaries', async () => {
    const items = [{ id: 'technical-writer', title: 'Technical Writer' }];
    const { requests, client } = clientAnswering(200, { items });
    await expect(client.listRoleSummaries()).resolves.toEqual({ items });
    expect(requests.map(r => r.url)).toEqual([
      'http://backstage/api/well-architected/role-summaries',
    ]);
  });

  it('encodes role ids', async () => {
    const { requests, client } = clientAnswering(200, {});
    await client.getRole('a/b');
    expect(requests.map(r => r.url)).toEqual([
      'http://backstage/api/well-architected/roles/a%2Fb',
    ]);
  });

  it('links and unlinks a group with PUT and DELETE on the link', async () => {
    const link =
      'http://backstage/api/well-architected/roles/site-reliability-engineer/groups/group%3Adefault%2Fsre-team';
    const linking = clientAnswering(201, { groupRef: 'g' });
    await expect(
      linking.client.linkGroup(
        'site-reliability-engineer',
        'group:default/sre-team',
      ),
    ).resolves.toEqual({ groupRef: 'g' });
    expect(linking.requests.map(r => [r.method, r.url])).toEqual([
      ['PUT', link],
    ]);

    const unlinking = clientAnswering(204);
    await expect(
      unlinking.client.unlinkGroup(
        'site-reliability-engineer',
        'group:default/sre-team',
      ),
    ).resolves.toBeUndefined();
    expect(unlinking.requests.map(r => [r.method, r.url])).toEqual([
      ['DELETE', link],
    ]);
  });

  it('decides about a suggested role with its JSON body, and undoes the decision', async () => {
    const decision =
      'http://backstage/api/well-architected/entities/system%3Adefault%2Fpayments/decisions/technical-writer';
    const deciding = clientAnswering(200, { decision: 'dismissed' });
    const body = {
      decision: 'dismissed' as const,
      reason: 'other' as const,
      text: 'Docs & more',
    };
    await expect(
      deciding.client.decideSuggestion(
        'system:default/payments',
        'technical-writer',
        body,
      ),
    ).resolves.toEqual({ decision: 'dismissed' });
    expect(deciding.requests).toEqual([
      { method: 'PUT', url: decision, body: JSON.stringify(body) },
    ]);

    const undoing = clientAnswering(204);
    await expect(
      undoing.client.undoSuggestionDecision(
        'system:default/payments',
        'technical-writer',
      ),
    ).resolves.toBeUndefined();
    expect(undoing.requests).toEqual([
      { method: 'DELETE', url: decision, body: undefined },
    ]);
  });

  it('evaluates an entity again with a POST without a body, and resolves to its suggestions', async () => {
    const refreshing = clientAnswering(200, { entityRef: 'e' });
    await expect(
      refreshing.client.refreshEvaluation('system:default/payments'),
    ).resolves.toEqual({ entityRef: 'e' });
    expect(refreshing.requests).toEqual([
      {
        method: 'POST',
        url: 'http://backstage/api/well-architected/entities/system%3Adefault%2Fpayments/evaluation',
        body: undefined,
      },
    ]);
  });

  it('throws the backend’s error with its message', async () => {
    const { client } = clientAnswering(400, {
      error: { name: 'InputError', message: "Invalid 'limit'" },
      response: { statusCode: 400 },
    });
    await expect(client.listRoles({ limit: -1 })).rejects.toMatchObject({
      name: 'ResponseError',
      body: { error: { message: "Invalid 'limit'" } },
    });
  });

  it('throws a 404 as a ResponseError with its status', async () => {
    const { client } = clientAnswering(404, {
      error: { name: 'NotFoundError', message: 'No role' },
      response: { statusCode: 404 },
    });
    await expect(client.getRole('no-such-role')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
    });
  });
});
