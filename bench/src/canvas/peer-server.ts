// Serves the built peer page and the generated graph (`/graph.json?nodes=N`) on a loopback port.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { ServerProcess } from '../streams/processes';
import { canvasGraph } from './generate';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

export function servePeerPage(distDir: string): Promise<ServerProcess> {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/graph.json') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(canvasGraph(Number(url.searchParams.get('nodes') ?? 100))));
      return;
    }
    // Only files under dist; anything else is the page itself.
    const relative = normalize(url.pathname).replace(/^(\.\.[/\\])+/, '');
    const file = relative === '/' ? 'index.html' : relative;
    try {
      const body = await readFile(join(distDir, file));
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        baseUrl: `http://127.0.0.1:${port}`,
        pid: process.pid,
        stop: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
