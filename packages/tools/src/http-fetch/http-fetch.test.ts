// http_fetch against a local HTTP server reached only through the test-only loopback policy and an injected
// resolver; every refused address (each range and spelling, a name resolving to one, a redirect to one) is tried
// with a connector that fails the test if it is ever called, so that no packet leaves 127.0.0.0/8.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpFetchConfig } from '../config/tools-config';
import { allowLoopbackForTests } from '../testing';
import type { Connector } from './connector';
import { type Resolver, runHttpFetch } from './http-fetch';

let server: Server;
let port = 0;
const seen: { url: string; method: string; headers: Record<string, unknown> }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', method: req.method ?? '', headers: req.headers });
    if (req.url === '/text') res.writeHead(200, { 'content-type': 'text/plain' }).end('hello from the test server');
    else if (req.url === '/bomb') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
      res.end(gzipSync(Buffer.alloc(5_000_000, 'a')));
    } else if (req.url === '/to-other') res.writeHead(302, { location: `http://other.test:${port}/text` }).end();
    else if (req.url === '/to-unlisted') res.writeHead(302, { location: `http://unlisted.test:${port}/text` }).end();
    else if (req.url === '/hang') res.writeHead(200, { 'content-type': 'text/plain' }).write('partial');
    else if (req.url === '/image') res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(10));
    else res.writeHead(404).end('no');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const local: Resolver = async (host) => {
  if (host.endsWith('.test')) return [{ address: '127.0.0.1', family: 4 }];
  throw new Error(`the test resolver knows no ${host}`);
};

const config = (extra: Partial<HttpFetchConfig> = {}): HttpFetchConfig => ({
  allowedHosts: [
    { pattern: 'fetch.test', headers: { authorization: 'Bearer fetch-credential-xyz' } },
    { pattern: 'other.test', headers: {} },
  ],
  allowPost: false,
  maxBytes: 10_000,
  timeoutMs: 5_000,
  ...extra,
});
const call = { signal: new AbortController().signal };
const fetchLocal = (url: string, extra?: Partial<HttpFetchConfig>, args: object = {}) =>
  runHttpFetch(config(extra), { url, ...args }, call, { resolve: local, policy: allowLoopbackForTests });

const fetchedValue = (result: Awaited<ReturnType<typeof runHttpFetch>>) =>
  (result.content[0] as { value: Record<string, unknown> }).value;

describe('http_fetch, to the local test server', () => {
  it('fetches over a real socket pinned to the checked address (the name itself resolves nowhere)', async () => {
    const result = await fetchLocal(`http://fetch.test:${port}/text`);
    expect(fetchedValue(result)).toMatchObject({ status: 200, body: 'hello from the test server' });
    expect(seen.at(-1)!.headers.authorization).toBe('Bearer fetch-credential-xyz');
    expect(seen.at(-1)!.headers.host).toBe(`fetch.test:${port}`);
  });

  it('caps the body after decompression', async () => {
    const value = fetchedValue(await fetchLocal(`http://fetch.test:${port}/bomb`));
    expect((value.body as string).length).toBe(10_000);
    expect(value.truncated).toMatch(/cut at 10000 bytes/);
  });

  it('follows a redirect to another allowed host without the first host’s credentials', async () => {
    const value = fetchedValue(await fetchLocal(`http://fetch.test:${port}/to-other`));
    expect(value).toMatchObject({ status: 200, url: `http://other.test:${port}/text` });
    expect(seen.at(-1)!.headers.authorization).toBeUndefined();
  });

  it('refuses a redirect to a host that is not allowed', async () => {
    await expect(fetchLocal(`http://fetch.test:${port}/to-unlisted`)).rejects.toThrow(
      `The host unlisted.test:${port} is not one this server allows.`,
    );
  });

  it('refuses POST unless the configuration allows it, and sends it when it does', async () => {
    await expect(fetchLocal(`http://fetch.test:${port}/text`, {}, { method: 'POST' })).rejects.toThrow(
      /POST is not allowed/,
    );
    const posted = await fetchLocal(
      `http://fetch.test:${port}/text`,
      { allowPost: true },
      { method: 'POST', body: 'x' },
    );
    expect(fetchedValue(posted).status).toBe(200);
    expect(seen.at(-1)!.method).toBe('POST');
  });

  it('stops a fetch that takes longer than its time limit', async () => {
    const started = Date.now();
    await expect(fetchLocal(`http://fetch.test:${port}/hang`, { timeoutMs: 300 })).rejects.toThrow(
      'The fetch did not finish within 300 ms.',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('returns a note instead of the bytes of non-text content', async () => {
    const result = await fetchLocal(`http://fetch.test:${port}/image`);
    expect(result.content[1]).toEqual({ type: 'other', mimeType: 'image/png' });
    expect(fetchedValue(result).body).toBeUndefined();
  });

  it('is refused loopback by the production policy, even with every host allowed', async () => {
    const anyHost = { allowedHosts: [{ pattern: '*', headers: {} }] };
    await expect(
      runHttpFetch(config(anyHost), { url: `http://127.0.0.1:${port}/text` }, call, { connect: neverCalled }),
    ).rejects.toThrow('Refused: 127.0.0.1 is a loopback address.');
  });
});

/** A connector that fails the test: reaching it means a refused address got through. */
const neverCalled: Connector = async (request) => {
  expect.fail(`http_fetch tried to connect to ${request.address} for ${request.url.href}`);
};

const anyHost: HttpFetchConfig = { ...config(), allowedHosts: [{ pattern: '*', headers: {} }] };

describe('http_fetch refuses, before any socket opens', () => {
  const spellings: [string, RegExp][] = [
    ['http://127.0.0.1/', /loopback/],
    ['http://2130706433/', /127\.0\.0\.1 is a loopback/],
    ['http://0177.0.0.1/', /127\.0\.0\.1 is a loopback/],
    ['http://0x7f.0.0.1/', /127\.0\.0\.1 is a loopback/],
    ['http://0x7f000001/', /127\.0\.0\.1 is a loopback/],
    ['http://127.1/', /127\.0\.0\.1 is a loopback/],
    ['http://017700000001/', /127\.0\.0\.1 is a loopback/],
    ['http://0.0.0.0/', /"this network"/],
    ['http://0/', /0\.0\.0\.0/],
    ['http://10.1.2.3/', /private/],
    ['http://172.16.0.1/', /private/],
    ['http://172.31.255.255/', /private/],
    ['http://192.168.1.1/', /private/],
    ['http://0xc0.0xa8.1.1/', /192\.168\.1\.1 is a private/],
    ['http://3232235777/', /192\.168\.1\.1 is a private/],
    ['http://169.254.169.254/', /link-local/],
    ['http://100.64.0.1/', /shared/],
    ['http://224.0.0.1/', /multicast/],
    ['http://255.255.255.255/', /broadcast/],
    ['http://[::1]/', /loopback/],
    ['http://[0:0:0:0:0:0:0:1]/', /loopback/],
    ['http://[::]/', /unspecified/],
    ['http://[::ffff:127.0.0.1]/', /reaches 127\.0\.0\.1 is a loopback/],
    ['http://[::ffff:7f00:1]/', /reaches 127\.0\.0\.1 is a loopback/],
    ['http://[::ffff:a9fe:a9fe]/', /reaches 169\.254\.169\.254 is a link-local/],
    ['http://[::ffff:10.0.0.1]/', /private/],
    ['http://[64:ff9b::10.0.0.1]/', /reaches 10\.0\.0\.1 is a private/],
    ['http://[2002:c0a8:101::1]/', /reaches 192\.168\.1\.1 is a private/],
    ['http://[::127.0.0.1]/', /IPv4-compatible/],
    ['http://[fc00::1]/', /unique-local/],
    ['http://[fd12:3456::1]/', /unique-local/],
    ['http://[fe80::1]/', /link-local/],
    ['http://[ff02::1]/', /multicast/],
  ];
  for (const [url, reason] of spellings) {
    it(url, async () => {
      await expect(runHttpFetch(anyHost, { url }, call, { connect: neverCalled })).rejects.toThrow(reason);
    });
  }

  it('a name that resolves to a refused address, even beside a public one', async () => {
    const resolve: Resolver = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ];
    await expect(
      runHttpFetch(anyHost, { url: 'http://intranet.example/' }, call, { resolve, connect: neverCalled }),
    ).rejects.toThrow('Refused: intranet.example resolves to 10.0.0.7 is a private address.');
    const v6: Resolver = async () => [{ address: 'fd00::5', family: 6 }];
    await expect(
      runHttpFetch(anyHost, { url: 'http://v6.example/' }, call, { resolve: v6, connect: neverCalled }),
    ).rejects.toThrow(/fd00::5 is a unique-local/);
  });

  it('a redirect to a refused address (the first hop answered without a socket)', async () => {
    const resolve: Resolver = async () => [{ address: '93.184.215.14', family: 4 }];
    const connects: string[] = [];
    const redirectOnce: Connector = async (request) => {
      connects.push(request.address);
      if (request.address !== '93.184.215.14') expect.fail(`connected to ${request.address}`);
      return {
        status: 302,
        headers: { location: 'http://169.254.169.254/latest/meta-data/' },
        body: Readable.from([]),
      };
    };
    await expect(
      runHttpFetch(anyHost, { url: 'http://public.example/' }, call, { resolve, connect: redirectOnce }),
    ).rejects.toThrow('Refused: 169.254.169.254 is a link-local address.');
    expect(connects).toEqual(['93.184.215.14']);
  });

  it('a host outside the allowlist, a URL with credentials, and other schemes', async () => {
    await expect(
      runHttpFetch(config(), { url: 'http://evil.example/' }, call, { connect: neverCalled }),
    ).rejects.toThrow('The host evil.example is not one this server allows.');
    await expect(
      runHttpFetch(anyHost, { url: 'http://u:p@a.example/' }, call, { connect: neverCalled }),
    ).rejects.toThrow(/credentials in it/);
    await expect(runHttpFetch(anyHost, { url: 'file:///etc/passwd' }, call, { connect: neverCalled })).rejects.toThrow(
      /Only http and https/,
    );
  });
});
