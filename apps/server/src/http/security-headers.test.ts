import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GraphRecord, StartRunResponse } from '@baton/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { agentGraph } from '../../test/documents';
import { type TestServer, testServer } from '../../test/harness';
import { collectSse } from '../../test/sse';

let server: TestServer;
const dirs: string[] = [];
afterEach(async () => {
  await server?.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const TOKEN = 'tok_headers-test';
const bearer = { authorization: `Bearer ${TOKEN}` };

const CSP =
  "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; " +
  "form-action 'self'; frame-ancestors 'none'";

function expectSecurityHeaders(response: Response, label: string): void {
  const h = response.headers;
  expect(h.get('content-security-policy'), label).toBe(CSP);
  expect(h.get('x-frame-options'), label).toBe('DENY');
  expect(h.get('x-content-type-options'), label).toBe('nosniff');
  expect(h.get('referrer-policy'), label).toBe('same-origin');
  expect(h.get('cross-origin-opener-policy'), label).toBe('same-origin');
  expect(h.get('cross-origin-resource-policy'), label).toBe('same-origin');
  expect(h.get('strict-transport-security'), label).toBeNull();
  expect(h.get('x-powered-by'), label).toBeNull();
}

function webDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-web-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Baton app</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'assets', 'app-1234.js.map'), '{"version":3,"sources":["secret.ts"]}');
  return dir;
}

describe('security headers', () => {
  it('are on every response: API answers of every status, refusals, streams and the web app', async () => {
    server = testServer({ token: TOKEN, webDir: webDir() });
    const graph = (await (
      await server.call('POST', '/api/graphs', { document: agentGraph() }, bearer)
    ).json()) as GraphRecord;
    const { runId } = (await (
      await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'go' }, bearer)
    ).json()) as StartRunResponse;
    const cases: [string, Promise<Response>, number][] = [
      ['health', server.call('GET', '/api/health'), 200],
      ['list', server.call('GET', '/api/graphs', undefined, bearer), 200],
      ['create', server.call('POST', '/api/graphs', { name: 'x' }, bearer), 201],
      ['sign in', server.call('POST', '/api/session', { token: TOKEN }), 204],
      ['bad body', server.call('POST', '/api/graphs', '{nope', bearer), 400],
      ['no token', server.call('GET', '/api/graphs'), 401],
      ['foreign host', server.call('GET', '/api/graphs', undefined, { ...bearer, host: 'evil.example' }), 403],
      ['cross origin', server.call('POST', '/api/graphs', { name: 'x' }, { ...bearer, origin: 'https://e.x' }), 403],
      ['unknown route', server.call('GET', '/api/nothing', undefined, bearer), 404],
      ['unknown graph', server.call('GET', '/api/graphs/none', undefined, bearer), 404],
      ['too large', server.call('POST', '/api/graphs', `"${'x'.repeat(7 * 1024 * 1024)}"`, bearer), 413],
      ['not JSON', server.call('POST', '/api/graphs', 'a=b', { ...bearer, 'content-type': 'text/plain' }), 415],
      ['app page', server.call('GET', '/graphs/x'), 200],
      ['asset', server.call('GET', '/assets/app-1234.js'), 200],
      ['head', server.call('HEAD', '/'), 200],
      ['source map', server.call('GET', '/assets/app-1234.js.map'), 404],
    ];
    for (const [label, pending, status] of cases) {
      const response = await pending;
      expect(response.status, label).toBe(status);
      expectSecurityHeaders(response, label);
    }
    const stream = await server.call('GET', `/api/runs/${runId}/events`, undefined, bearer);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expectSecurityHeaders(stream, 'event stream');
    expect((await collectSse(stream)).at(-1)?.event).toBe('end');
  });

  it('serves no source map unless BATON_SOURCE_MAPS asks, and never index.html in its place', async () => {
    const dir = webDir();
    server = testServer({ webDir: dir });
    const refused = await server.call('GET', '/assets/app-1234.js.map');
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain('secret.ts');
    expect((await server.call('GET', '/assets/missing.js.MAP')).status).toBe(404);
    await server.close();

    server = testServer({ webDir: dir, sourceMaps: true });
    const served = await server.call('GET', '/assets/app-1234.js.map');
    expect(served.status).toBe(200);
    expect(await served.text()).toContain('secret.ts');
  });

  it('the not-built page, served without a web app, has them too', async () => {
    server = testServer({ webDir: '/nonexistent/dist' });
    const response = await server.call('GET', '/');
    expect(await response.text()).toContain('not built yet');
    expectSecurityHeaders(response, 'not built');
  });
});
