import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/harness';

let server: TestServer;
const dirs: string[] = [];
afterEach(async () => {
  await server?.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function webDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-web-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Baton app</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg/>');
  fs.writeFileSync(path.join(path.dirname(dir), 'secret.txt'), 'outside');
  return dir;
}

describe('serving the web app', () => {
  it('serves files, hashed assets as immutable, and index.html for app routes', async () => {
    server = testServer({ webDir: webDir() });
    const index = await server.call('GET', '/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(await index.text()).toContain('Baton app');

    const asset = await server.call('GET', '/assets/app-1234.js');
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await server.call('GET', '/favicon.svg')).headers.get('content-type')).toBe('image/svg+xml');

    const deepLink = await server.call('GET', '/graphs/g1/runs/r1');
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('Baton app');
  });

  it('never serves a file outside its folder, and keeps /api out of the fallback', async () => {
    server = testServer({ webDir: webDir() });
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await server.call('GET', p);
      expect(await response.text(), p).not.toContain('outside');
    }
    const api = await server.call('GET', '/api/unknown');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
  });

  it('says how to build the app when its folder is missing', async () => {
    server = testServer({ webDir: '/nonexistent/dist' });
    const response = await server.call('GET', '/graphs/x');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('pnpm --filter @baton/web build');
  });
});
