// Serves the built web app: files from its folder, index.html for every other non-API GET (the app routes itself).
// Security headers (the Content-Security-Policy among them) are set for every response in http/security-headers.ts.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ViteManifest } from '@baton/toolchain';
import type { Context, Hono } from 'hono';
import { routePreloadLinks, withPreloads } from './route-preloads';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

// Unstyled: the Content-Security-Policy allows no inline style.
const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Baton</title></head>
<body>
<h1>Baton's web app is not built yet</h1>
<p>The API is running at <code>/api</code>. To get the editor, build the web app and restart the server:</p>
<pre>pnpm --filter @baton/web build</pre>
<p>or start everything with <code>npm start</code> at the repository root.</p>
</body></html>
`;

export interface WebAppOptions {
  /** Serve `.map` files (BATON_SOURCE_MAPS, a development setting); otherwise they do not exist for a browser. */
  sourceMaps?: boolean;
}

export function serveWebApp(app: Hono, webDir: string | null, options: WebAppOptions = {}): void {
  const root = webDir ? path.resolve(webDir) : null;

  const send = async (c: Context, file: string, cache: string) => {
    const body = await fs.readFile(file);
    c.header('Content-Type', TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
    c.header('Cache-Control', cache);
    return c.req.method === 'HEAD' ? c.body(null) : c.body(new Uint8Array(body));
  };

  app.on(['GET', 'HEAD'], '*', async (c) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return c.notFound();
    const index = root ? path.join(root, 'index.html') : null;
    if (!root || !index || !(await isFile(index))) return c.html(NOT_BUILT_PAGE, 200, { 'Cache-Control': 'no-store' });
    let relative: string;
    try {
      relative = decodeURIComponent(c.req.path);
    } catch {
      return c.text('Bad path', 400);
    }
    // A source map reveals the whole source: none unless asked for, and never index.html in its place.
    if (!options.sourceMaps && relative.toLowerCase().endsWith('.map')) return c.notFound();
    const file = path.resolve(root, `.${path.posix.normalize(`/${relative}`)}`);
    if (file.startsWith(root + path.sep) && (await isFile(file))) {
      // Vite puts content-hashed files in assets/: they never change under the same name.
      const hashed = file.startsWith(path.join(root, 'assets') + path.sep);
      return send(c, file, hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    return sendIndex(c, root, index);
  });
}

/** index.html with the preloads of the page the path opens (none when the build wrote no manifest). */
async function sendIndex(c: Context, root: string, index: string) {
  const html = await fs.readFile(index, 'utf8');
  const manifest = await readManifest(root);
  const body = manifest ? withPreloads(html, routePreloadLinks(c.req.path, manifest)) : html;
  c.header('Content-Type', TYPES['.html']);
  c.header('Cache-Control', 'no-cache');
  return c.req.method === 'HEAD' ? c.body(null) : c.body(body);
}

/** Read per request, like index.html, so a rebuild of the app is served without a restart. */
async function readManifest(root: string): Promise<ViteManifest | null> {
  try {
    return JSON.parse(await fs.readFile(path.join(root, '.vite', 'manifest.json'), 'utf8')) as ViteManifest;
  } catch {
    return null;
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}
