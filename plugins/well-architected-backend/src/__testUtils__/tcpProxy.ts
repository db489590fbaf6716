import net from 'node:net';

/**
 * A TCP proxy in front of a database server, for tests of an outage: `stop` drops every open
 * connection and refuses new ones, as a server that went away does; `resume` serves again on the
 * same port.
 */
export class TcpProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private constructor(
    private readonly target: { host: string; port: number },
    public port = 0,
  ) {}

  static async start(target: { host: string; port: number }) {
    const proxy = new TcpProxy(target);
    await proxy.resume();
    return proxy;
  }

  async resume(): Promise<void> {
    const server = net.createServer(client => {
      const upstream = net.connect(this.target);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>(resolve =>
      server.listen(this.port, '127.0.0.1', resolve),
    );
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>(resolve =>
      server ? server.close(() => resolve()) : resolve(),
    );
  }
}
