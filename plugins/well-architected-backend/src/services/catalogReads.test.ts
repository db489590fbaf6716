import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { uncompressedCatalogReads } from './catalogReads';

describe('uncompressedCatalogReads', () => {
  let server: Server;
  let received: { url?: string; headers: IncomingHttpHeaders; body: string }[];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', chunk => {
        body += chunk;
      });
      req.on('end', () => {
        received.push({ url: req.url, headers: req.headers, body });
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            items: [
              { kind: 'System', metadata: { namespace: 'default', name: 'a' } },
              null,
            ],
          }),
        );
      });
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));

  beforeEach(() => {
    received = [];
  });

  it("asks the catalog without compression, with a token on the caller's behalf", async () => {
    const { port } = server.address() as AddressInfo;
    const reads = uncompressedCatalogReads({
      auth: mockServices.auth(),
      discovery: {
        getBaseUrl: async pluginId => `http://127.0.0.1:${port}/${pluginId}`,
        getExternalBaseUrl: async pluginId =>
          `http://127.0.0.1:${port}/${pluginId}`,
      },
    });

    const { items } = await reads.getEntitiesByRefs(
      {
        entityRefs: ['system:default/a', 'system:default/b'],
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials: mockCredentials.user('user:default/caller') },
    );

    expect(items.map(e => e?.metadata.name)).toEqual(['a', undefined]);
    expect(received).toHaveLength(1);
    const [{ url, headers, body }] = received;
    expect(url).toBe('/catalog/entities/by-refs');
    expect(headers['accept-encoding']).toBe('identity');
    expect(headers.authorization).toBe(
      `Bearer ${mockCredentials.service.token({
        onBehalfOf: mockCredentials.user('user:default/caller'),
        targetPluginId: 'catalog',
      })}`,
    );
    expect(JSON.parse(body)).toEqual({
      entityRefs: ['system:default/a', 'system:default/b'],
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
    });
  });
});
