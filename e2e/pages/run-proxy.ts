// A TCP proxy in front of the e2e server whose open connections can be cut at once: a real network blip for the
// browser (its EventSource sees the stream drop), while new connections go through as before.
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface BlipProxy {
  baseURL: string;
  /** Destroys every open connection, both ways. */
  blip(): number;
  close(): Promise<void>;
}

export async function startBlipProxy(target: URL): Promise<BlipProxy> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    track(client);
    track(upstream);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseURL: `http://127.0.0.1:${port}`,
    blip: () => {
      const count = sockets.size;
      for (const socket of sockets) socket.destroy();
      return count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
