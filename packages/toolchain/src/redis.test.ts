import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { waitForPort } from './free-port';
import { locateRedis, NO_REDIS_MESSAGE, startRedis } from './redis';

/** Sends RESP inline commands and collects the reply text until `until` matches. */
function ask(port: number, commands: string, until: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (until.test(reply)) {
        socket.destroy();
        resolve(reply);
      }
    });
    socket.on('error', reject);
    socket.write(commands);
  });
}

describe('startRedis', () => {
  it('serves on a free loopback port, saves nothing to disk, and stop() ends it', async () => {
    const server = await startRedis();
    try {
      expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
      expect(await ask(server.port, 'PING\r\nSET k v\r\nGET k\r\n', /\$1\r\nv\r\n/)).toBe(
        '+PONG\r\n+OK\r\n$1\r\nv\r\n',
      );
      const config = await ask(server.port, 'CONFIG GET save\r\nCONFIG GET appendonly\r\n', /appendonly\r\n\$2\r\nno/);
      expect(config).toContain('$4\r\nsave\r\n$0\r\n\r\n');
    } finally {
      await server.stop();
    }
    await expect(waitForPort(server.port, 100)).rejects.toThrow(/Nothing listened/);
  }, 30_000);
});

describe('locateRedis', () => {
  it('tells anyone but root what to install, installs it as root, and checks REDIS_SERVER_PATH', () => {
    expect(() => locateRedis({ env: {}, candidates: ['/nope/redis-server'], isRoot: false })).toThrow(NO_REDIS_MESSAGE);
    const installs: string[] = [];
    expect(() =>
      locateRedis({
        env: {},
        candidates: ['/nope/redis-server'],
        isRoot: true,
        install: () => installs.push('apt'),
        log: () => {},
      }),
    ).toThrow(NO_REDIS_MESSAGE);
    expect(installs).toEqual(['apt']);
    expect(() => locateRedis({ env: { REDIS_SERVER_PATH: '/nope/redis' } })).toThrow(/REDIS_SERVER_PATH is set to/);
  });
});
