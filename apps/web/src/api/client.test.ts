// Tests of the API client against a real local HTTP server: JSON bodies, error bodies, 204, 401 and network errors.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, apiFetch, apiFetchText, onUnauthorized } from './client';

let server: Server;
let base = '';
const seen: { method: string; contentType: string | undefined; body: string }[] = [];

function handle(req: IncomingMessage, res: ServerResponse) {
  let body = '';
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('end', () => {
    seen.push({ method: req.method ?? '', contentType: req.headers['content-type'], body });
    const send = (status: number, text: string, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(text);
    };
    switch (req.url) {
      case '/api/ok':
        return send(200, '{"hello":"world"}');
      case '/api/echo':
        return send(201, body);
      case '/api/empty':
        res.writeHead(204);
        return res.end();
      case '/api/conflict':
        return send(409, JSON.stringify({ error: { code: 'stale_draft', message: 'Changed elsewhere.', issues: [] } }));
      case '/api/invalid':
        return send(
          400,
          JSON.stringify({
            error: {
              code: 'invalid_graph',
              message: 'Bad.',
              issues: [{ path: '$.nodes[0].data.name', message: 'Taken.' }],
            },
          }),
        );
      case '/api/private':
        return send(401, JSON.stringify({ error: { code: 'unauthorized', message: 'Sign in.', issues: [] } }));
      case '/api/html-error':
        return send(502, '<html>Bad gateway</html>', 'text/html');
      case '/api/text':
        return send(200, '{\n  "a": 1\n}\n');
      default:
        return send(404, JSON.stringify({ error: { code: 'not_found', message: 'No such thing.', issues: [] } }));
    }
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe('apiFetch', () => {
  it('returns parsed JSON, and undefined for 204', async () => {
    expect(await apiFetch(`${base}/api/ok`)).toEqual({ hello: 'world' });
    expect(await apiFetch(`${base}/api/empty`, { method: 'DELETE' })).toBeUndefined();
  });

  it('sends `json` as a JSON body with its content type', async () => {
    expect(await apiFetch(`${base}/api/echo`, { method: 'POST', json: { a: [1, 2] } })).toEqual({ a: [1, 2] });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', contentType: 'application/json', body: '{"a":[1,2]}' });
  });

  it('throws the server error body as ApiError with code, status and issues', async () => {
    const conflict = await caught(apiFetch(`${base}/api/conflict`, { method: 'PUT', json: {} }));
    expect([conflict.status, conflict.code, conflict.message]).toEqual([409, 'stale_draft', 'Changed elsewhere.']);
    const invalid = await caught(apiFetch(`${base}/api/invalid`));
    expect(invalid.issues).toEqual([{ path: '$.nodes[0].data.name', message: 'Taken.' }]);
  });

  it('turns a non-JSON error into an ApiError that names the status', async () => {
    const error = await caught(apiFetch(`${base}/api/html-error`));
    expect([error.status, error.code]).toEqual([502, 'http_502']);
    expect(error.message).toMatch(/HTTP 502/);
  });

  it('tells the 401 listeners, and they can unsubscribe', async () => {
    let calls = 0;
    const off = onUnauthorized(() => calls++);
    await caught(apiFetch(`${base}/api/private`));
    off();
    await caught(apiFetch(`${base}/api/private`));
    expect(calls).toBe(1);
  });

  it('reports an unreachable server as a network error with status 0', async () => {
    const error = await caught(apiFetch('http://127.0.0.1:9/api/ok'));
    expect([error.status, error.code]).toEqual([0, 'network_error']);
  });
});

describe('apiFetchText', () => {
  it('returns the body byte for byte', async () => {
    expect(await apiFetchText(`${base}/api/text`)).toBe('{\n  "a": 1\n}\n');
  });
});
