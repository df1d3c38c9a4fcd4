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

  it("announces the page's own chunks and its first API request in the HTML of that page", async () => {
    const dir = webDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><head><title>Baton app</title></head><body></body>');
    fs.mkdirSync(path.join(dir, '.vite'));
    fs.writeFileSync(
      path.join(dir, '.vite', 'manifest.json'),
      JSON.stringify({
        'index.html': { file: 'assets/index-1.js', imports: ['_react-1.js'] },
        '_react-1.js': { file: 'assets/react-1.js' },
        '_shared-1.js': { file: 'assets/shared-1.js', imports: ['_react-1.js'] },
        'src/pages/EditorPage.tsx': {
          file: 'assets/EditorPage-1.js',
          imports: ['_react-1.js', '_shared-1.js'],
          css: ['assets/EditorPage-1.css'],
        },
        'src/graphs/GraphsPage.tsx': { file: 'assets/GraphsPage-1.js', imports: ['_shared-1.js'] },
      }),
    );
    server = testServer({ webDir: dir });
    const links = async (p: string) =>
      [...(await (await server.call('GET', p)).text()).matchAll(/<link [^>]*>/g)].map((m) => m[0]);

    const editor = await links('/graphs/g%201/runs/r1');
    expect(editor).toEqual([
      '<link rel="preload" as="fetch" crossorigin href="/api/graphs/g%201">',
      '<link rel="modulepreload" crossorigin href="/assets/EditorPage-1.js">',
      '<link rel="preload" as="style" crossorigin href="/assets/EditorPage-1.css">',
      '<link rel="modulepreload" crossorigin href="/assets/shared-1.js">',
    ]);
    expect(await links('/')).toEqual([
      '<link rel="modulepreload" crossorigin href="/assets/GraphsPage-1.js">',
      '<link rel="modulepreload" crossorigin href="/assets/shared-1.js">',
    ]);
    expect(await links('/somewhere/else')).toEqual([]);

    // The id comes from the address: whatever it holds reaches the HTML URI-encoded, never as markup.
    const hostile = await (
      await server.call('GET', `/graphs/${encodeURIComponent('"><script>alert(1)</script>')}`)
    ).text();
    expect(hostile).not.toContain('<script>');
    expect(hostile).toContain('href="/api/graphs/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E"');
  });
});
