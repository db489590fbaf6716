import { WellArchitectedClient } from './WellArchitectedClient';

describe('WellArchitectedClient', () => {
  const discoveryApi = {
    getBaseUrl: async () => 'http://backstage/api/well-architected',
  };

  function clientAnswering(status: number, body: unknown) {
    const fetch = jest.fn(
      async (_url: string) =>
        new Response(JSON.stringify(body), {
          status,
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    return {
      fetch,
      client: new WellArchitectedClient({
        discoveryApi,
        fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
      }),
    };
  }

  it('passes only the filters that are set', async () => {
    const { fetch, client } = clientAnswering(200, { items: [] });
    await client.listRoles({ pillar: 'security', q: 'a b&c', category: '' });
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/well-architected/roles?pillar=security&q=a+b%26c',
    );
  });

  it('encodes role ids', async () => {
    const { fetch, client } = clientAnswering(200, {});
    await client.getRole('a/b');
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/well-architected/roles/a%2Fb',
    );
  });

  it('links and unlinks a group with PUT and DELETE on the link', async () => {
    const { fetch, client } = clientAnswering(201, { groupRef: 'g' });
    await expect(
      client.linkGroup('site-reliability-engineer', 'group:default/sre-team'),
    ).resolves.toEqual({ groupRef: 'g' });
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/well-architected/roles/site-reliability-engineer/groups/group%3Adefault%2Fsre-team',
      { method: 'PUT' },
    );

    const deleted = jest.fn(async () => new Response(null, { status: 204 }));
    const unlinking = new WellArchitectedClient({
      discoveryApi,
      fetchApi: { fetch: deleted as unknown as typeof globalThis.fetch },
    });
    await expect(
      unlinking.unlinkGroup(
        'site-reliability-engineer',
        'group:default/sre-team',
      ),
    ).resolves.toBeUndefined();
    expect(deleted).toHaveBeenCalledWith(
      'http://backstage/api/well-architected/roles/site-reliability-engineer/groups/group%3Adefault%2Fsre-team',
      { method: 'DELETE' },
    );
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
});
