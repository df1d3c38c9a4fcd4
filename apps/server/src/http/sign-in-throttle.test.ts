import type { ApiErrorBody } from '@baton/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/harness';
import { listen } from '../../test/listen';
import { TooManyAttemptsError } from './errors';
import { SignInThrottle } from './sign-in-throttle';

const TOKEN = 'tok_the-right-one';
let server: TestServer;
afterEach(async () => server?.close());

/** A request from a socket whose peer is `address`, as @hono/node-server hands it to the app. */
function from(address: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  return Promise.resolve(
    server.app.request(`http://localhost${path}`, init, { incoming: { socket: { remoteAddress: address } } }),
  );
}
const signIn = (address: string, token: string, headers: Record<string, string> = {}) =>
  from(address, 'POST', '/api/session', { token }, headers);

describe('SignInThrottle', () => {
  it('lets a first typo pass, then doubles the wait from 1 s up to 30 s, and forgets after 15 quiet minutes', () => {
    let now = 0;
    const throttle = new SignInThrottle({ now: () => now });
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      throttle.check('a');
      const wait = throttle.failed('a');
      waits.push(wait);
      if (wait > 0) {
        now += wait * 1000 - 1;
        expect(() => throttle.check('a')).toThrow(TooManyAttemptsError);
        now += 1;
      }
    }
    expect(waits).toEqual([0, 1, 2, 4, 8, 16, 30, 30, 30]);
    // Another address is not slowed by these.
    expect(() => throttle.check('c')).not.toThrow();
    now += 15 * 60_000 + 1;
    expect(throttle.failed('a')).toBe(0);
  });

  it('says how long to wait, in whole seconds rounded up, and remembers a bounded number of addresses', () => {
    let now = 0;
    const throttle = new SignInThrottle({ now: () => now, maxAddresses: 2 });
    throttle.failed('a');
    throttle.failed('a');
    now += 200;
    expect(() => throttle.check('a')).toThrow(
      expect.objectContaining({
        status: 429,
        retryAfterSeconds: 1,
        message: 'Too many wrong tokens came from your address: try again in 1 second.',
      }),
    );
    throttle.failed('b');
    throttle.failed('c'); // "a" is the longest quiet: forgotten
    expect(() => throttle.check('a')).not.toThrow();
  });
});

describe('sign-in slowdown over HTTP', () => {
  it('answers 429 with Retry-After during the wait, unread; the right token works once the wait has passed', async () => {
    let now = 1_000_000;
    server = testServer({ token: TOKEN, now: () => now });
    const first = await signIn('203.0.113.5', 'guess-1');
    expect(first.status).toBe(401);
    expect(first.headers.get('retry-after')).toBeNull();
    const second = await signIn('203.0.113.5', 'guess-2');
    expect(second.status).toBe(401);
    expect(second.headers.get('retry-after')).toBe('1');

    // During the wait even the right token is refused, without being looked at, and no cookie is set.
    const early = await signIn('203.0.113.5', TOKEN);
    expect(early.status).toBe(429);
    expect(early.headers.get('retry-after')).toBe('1');
    expect(early.headers.get('set-cookie')).toBeNull();
    expect((await early.json()) as ApiErrorBody).toEqual({
      error: {
        code: 'too_many_attempts',
        message: 'Too many wrong tokens came from your address: try again in 1 second.',
        issues: [],
      },
    });
    // Another address is not slowed down.
    expect((await signIn('198.51.100.9', TOKEN)).status).toBe(204);

    now += 1000;
    const late = await signIn('203.0.113.5', TOKEN);
    expect(late.status).toBe(204);
    expect(late.headers.get('set-cookie')).toMatch(/^baton_session=/);
    // Success clears the address: its next typo is free again.
    expect((await signIn('203.0.113.5', 'typo')).headers.get('retry-after')).toBeNull();
  });

  it('caps the wait at 30 s however many guesses come', async () => {
    let now = 0;
    server = testServer({ token: TOKEN, now: () => now });
    const waits: (string | null)[] = [];
    for (let i = 0; i < 10; i++) {
      const response = await signIn('203.0.113.5', `guess-${i}`);
      expect(response.status).toBe(401);
      waits.push(response.headers.get('retry-after'));
      now += Number(response.headers.get('retry-after') ?? 0) * 1000;
    }
    expect(waits).toEqual([null, '1', '2', '4', '8', '16', '30', '30', '30', '30']);
    expect((await signIn('203.0.113.5', TOKEN)).status).toBe(204);
  });

  it('counts wrong bearer tokens like sign-ins; the session cookie is only checked', async () => {
    let now = 0;
    server = testServer({ token: TOKEN, now: () => now });
    const wrong = { authorization: 'Bearer guess' };
    expect((await from('203.0.113.5', 'GET', '/api/graphs', undefined, wrong)).status).toBe(401);
    expect((await from('203.0.113.5', 'GET', '/api/graphs', undefined, wrong)).status).toBe(401);
    const right = { authorization: `Bearer ${TOKEN}` };
    const refused = await from('203.0.113.5', 'GET', '/api/graphs', undefined, right);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    now += 1000;
    expect((await from('203.0.113.5', 'GET', '/api/graphs', undefined, right)).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const forged = await from('198.51.100.9', 'GET', '/api/graphs', undefined, { cookie: 'baton_session=forged' });
      expect(forged.status).toBe(401);
    }
  });

  it('reads X-Forwarded-For only from a configured proxy, from the right, past the proxies', async () => {
    let now = 0;
    server = testServer({ token: TOKEN, now: () => now, trustedProxies: ['10.0.0.1', '10.0.0.2'] });
    // Not a proxy: the header is ignored, so changing it does not escape the slowdown.
    await signIn('203.0.113.5', 'guess', { 'x-forwarded-for': '192.0.2.1' });
    await signIn('203.0.113.5', 'guess', { 'x-forwarded-for': '192.0.2.2' });
    expect((await signIn('203.0.113.5', TOKEN, { 'x-forwarded-for': '192.0.2.3' })).status).toBe(429);

    // Through the proxies: the client is the rightmost address that is not a proxy; what it wrote further left
    // (a forged address) counts for nothing.
    const via = (client: string, forged = '192.0.2.99') => ({ 'x-forwarded-for': `${forged}, ${client}, 10.0.0.2` });
    await signIn('10.0.0.1', 'guess', via('198.51.100.1'));
    await signIn('10.0.0.1', 'guess', via('198.51.100.1', '192.0.2.50'));
    expect((await signIn('10.0.0.1', TOKEN, via('198.51.100.1', '192.0.2.51'))).status).toBe(429);
    // Another client behind the same proxy is not slowed down, and neither is the proxy's own address.
    expect((await signIn('10.0.0.1', TOKEN, via('198.51.100.2'))).status).toBe(204);
    expect((await signIn('10.0.0.1', TOKEN, { 'x-forwarded-for': '::ffff:198.51.100.3' })).status).toBe(204);
    expect((await signIn('::ffff:10.0.0.1', TOKEN, via('198.51.100.1'))).status).toBe(429);
    now += 1000;
    expect((await signIn('10.0.0.1', TOKEN, via('198.51.100.1'))).status).toBe(204);
  });

  it('uses the real socket address on a real port', async () => {
    server = testServer({ token: TOKEN });
    const http = await listen(server.app);
    try {
      const post = (token: string) =>
        fetch(`${http.url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.1' },
          body: JSON.stringify({ token }),
        });
      expect((await post('guess-1')).status).toBe(401);
      expect((await post('guess-2')).status).toBe(401);
      const refused = await post(TOKEN);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('1');
    } finally {
      await http.close();
    }
  });
});
