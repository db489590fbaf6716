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
