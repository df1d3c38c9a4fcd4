import type { ApiErrorBody, GraphRecord, HealthResponse, StartRunResponse } from '@baton/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { agentGraph } from '../../test/documents';
import { type TestServer, testServer } from '../../test/harness';
import { collectSse } from '../../test/sse';

let server: TestServer;
afterEach(async () => server?.close());

const TOKEN = 'tok_correct-horse-battery-staple';
const json = async <T>(response: Response) => (await response.json()) as T;
const bearer = { authorization: `Bearer ${TOKEN}` };

/** One request per API route, with a plausible body, to prove each needs the token. */
const ROUTES: [string, string, unknown?][] = [
  ['GET', '/api/provider'],
  ['GET', '/api/schema/graph'],
  ['GET', '/api/schema/testcase'],
  ['GET', '/api/graphs'],
  ['POST', '/api/graphs', { name: 'x' }],
  ['POST', '/api/graphs/import', agentGraph()],
  ['GET', '/api/graphs/g'],
  ['PATCH', '/api/graphs/g', { name: 'y' }],
  ['DELETE', '/api/graphs/g'],
  ['POST', '/api/graphs/g/duplicate'],
  ['PUT', '/api/graphs/g/draft', { document: agentGraph(), baseRevision: 0 }],
  ['POST', '/api/graphs/g/versions', {}],
  ['GET', '/api/graphs/g/versions'],
  ['GET', '/api/graphs/g/versions/1'],
  ['POST', '/api/graphs/g/versions/1/restore'],
  ['GET', '/api/graphs/g/export'],
  ['POST', '/api/graphs/g/runs', { goal: 'go' }],
  ['GET', '/api/graphs/g/runs'],
  ['GET', '/api/runs/r'],
  ['POST', '/api/runs/r/cancel'],
  ['GET', '/api/runs/r/events'],
  ['GET', '/api/runs/r/trace'],
  ['POST', '/api/runs/r/escalations/e', { decision: 'approve' }],
  ['GET', '/api/runs/r/testcase'],
  ['GET', '/api/graphs/g/tests'],
  ['POST', '/api/graphs/g/tests', {}],
  ['GET', '/api/graphs/g/tests/c'],
  ['PUT', '/api/graphs/g/tests/c', {}],
  ['DELETE', '/api/graphs/g/tests/c'],
  ['GET', '/api/graphs/g/tests/c/export'],
  ['POST', '/api/graphs/g/tests/c/run'],
];

describe('with BATON_TOKEN set', () => {
  it('every API route but health and sign-in answers 401 without the token, storing nothing', async () => {
    // Wrong tokens slow the address down (sign-in-throttle.test.ts): the clock moves past each wait here.
    let now = 0;
    server = testServer({ token: TOKEN, now: () => now });
    for (const [method, path, body] of ROUTES) {
      const response = await server.call(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(401);
      expect((await json<ApiErrorBody>(response)).error.code).toBe('unauthorized');
      now += 60_000;
      const wrong = await server.call(method, path, body, { authorization: 'Bearer nope' });
      expect(wrong.status, `${method} ${path} wrong token`).toBe(401);
    }
    expect(await server.graphs.listGraphs()).toEqual([]);
    const health = await json<HealthResponse>(await server.call('GET', '/api/health'));
    expect(health).toEqual({ ok: true, version: '0.1.0-test', authRequired: true, store: 'sqlite' });
  });

  it('accepts the bearer header, and the session cookie from signing in, for routes and the event stream', async () => {
    server = testServer({ token: TOKEN });
    expect((await server.call('GET', '/api/graphs', undefined, bearer)).status).toBe(200);

    const refused = await server.call('POST', '/api/session', { token: 'wrong-token' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('set-cookie')).toBeNull();

    const signIn = await server.call('POST', '/api/session', { token: TOKEN });
    expect(signIn.status).toBe(204);
    const setCookie = signIn.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^baton_session=/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain(TOKEN);
    const cookie = { cookie: setCookie.split(';')[0]! };

    const graph = await json<GraphRecord>(await server.call('POST', '/api/graphs', { document: agentGraph() }, cookie));
    const started = await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'go' }, cookie);
    expect(started.status).toBe(202);
    const { runId } = await json<StartRunResponse>(started);
    const stream = await server.call('GET', `/api/runs/${runId}/events`, undefined, cookie);
    expect(stream.status).toBe(200);
    expect((await collectSse(stream)).at(-1)?.event).toBe('end');

    const forged = await server.call('GET', '/api/graphs', undefined, { cookie: 'baton_session=forged' });
    expect(forged.status).toBe(401);
    const signOut = await server.call('DELETE', '/api/session', undefined, cookie);
    expect(signOut.headers.get('set-cookie')).toMatch(/^baton_session=;/);
  });
});

describe('request guards', () => {
  it('refuses a Host that is not ours (DNS rebinding), even with the token', async () => {
    server = testServer({ token: TOKEN });
    const response = await server.call('GET', '/api/graphs', undefined, { ...bearer, host: 'evil.example:8787' });
    expect(response.status).toBe(403);
    expect((await json<ApiErrorBody>(response)).error.code).toBe('host_not_allowed');
    expect((await server.call('GET', '/api/health', undefined, { host: 'evil.example' })).status).toBe(403);
    expect((await server.call('GET', '/api/graphs', undefined, { ...bearer, host: 'localhost:8787' })).status).toBe(
      200,
    );
  });

  it('refuses unsafe requests from another origin or without a JSON body type, and storing nothing', async () => {
    server = testServer({ token: TOKEN });
    const crossSite = await server.call(
      'POST',
      '/api/graphs',
      { name: 'x' },
      { ...bearer, origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    expect((await json<ApiErrorBody>(crossSite)).error.code).toBe('cross_origin');
    const nullOrigin = await server.call('POST', '/api/graphs', { name: 'x' }, { ...bearer, origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    const fetchSite = await server.call(
      'POST',
      '/api/graphs',
      { name: 'x' },
      { ...bearer, 'sec-fetch-site': 'cross-site' },
    );
    expect(fetchSite.status).toBe(403);
    const form = await server.call('POST', '/api/session', `token=${TOKEN}`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    expect(form.headers.get('set-cookie')).toBeNull();
    const sameOrigin = await server.call(
      'POST',
      '/api/graphs',
      { name: 'x' },
      { ...bearer, origin: 'http://localhost' },
    );
    expect(sameOrigin.status).toBe(201);
    expect(await server.graphs.listGraphs()).toHaveLength(1);
  });

  it('sends no CORS headers to other origins', async () => {
    server = testServer();
    const response = await server.call('GET', '/api/graphs', undefined, { origin: 'https://evil.example' });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await server.call('OPTIONS', '/api/graphs', undefined, {
      origin: 'https://evil.example',
      'access-control-request-method': 'POST',
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('meta routes', () => {
  it('health needs no token; provider and schema describe the server', async () => {
    server = testServer();
    expect(await json<HealthResponse>(await server.call('GET', '/api/health'))).toEqual({
      ok: true,
      version: '0.1.0-test',
      authRequired: false,
      store: 'sqlite',
    });
    expect(await json(await server.call('GET', '/api/provider'))).toMatchObject({ kind: 'simulated', simulated: true });
    const schema = await json<{ properties: Record<string, unknown> }>(await server.call('GET', '/api/schema/graph'));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['format', 'version', 'nodes', 'edges']));
    const testCase = await json<{ title: string; properties: Record<string, unknown> }>(
      await server.call('GET', '/api/schema/testcase'),
    );
    expect(testCase.title).toBe('Baton test case, version 1');
    expect(Object.keys(testCase.properties)).toEqual(expect.arrayContaining(['format', 'steps', 'assertions']));
  });

  it('sign-in without a configured token is a no-op success', async () => {
    server = testServer();
    expect((await server.call('POST', '/api/session', { token: 'anything' })).status).toBe(204);
    expect((await server.call('POST', '/api/session', {})).status).toBe(400);
  });
});
