// Builds the plain React Flow peer page (bench/canvas-peer) for production with the web app's own Vite, React and
// React Flow, so that both canvases run the very same library versions, minified, with no dev-mode checks.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR } from '../harness/child';
import { REPO_DIR } from '../streams/processes';

export const PEER_DIR = join(BENCH_DIR, 'canvas-peer');
export const PEER_DIST = join(PEER_DIR, 'dist');

interface ViteLike {
  build(config: Record<string, unknown>): Promise<unknown>;
}

export async function buildPeerPage(): Promise<string> {
  const webRequire = createRequire(join(REPO_DIR, 'apps/web/package.json'));
  const load = async <T>(name: string) => (await import(pathToFileURL(webRequire.resolve(name)).href)) as T;
  const vite = await load<ViteLike>('vite');
  const react = (await load<{ default: () => unknown }>('@vitejs/plugin-react')).default;
  const webModules = join(REPO_DIR, 'apps/web/node_modules');
  await vite.build({
    root: PEER_DIR,
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    resolve: {
      alias: [
        { find: /^react(\/.*)?$/, replacement: `${webModules}/react$1` },
        { find: /^react-dom(\/.*)?$/, replacement: `${webModules}/react-dom$1` },
        { find: /^@xyflow\/react(\/.*)?$/, replacement: `${webModules}/@xyflow/react$1` },
      ],
    },
    // The manifest lets the suite count the page's script exactly, beside our editor's.
    build: { outDir: PEER_DIST, emptyOutDir: true, target: 'es2022', manifest: true },
  });
  return PEER_DIST;
}

/**
 * Builds our web app for production into `outDir` with a manifest, with its own Vite config, exactly as
 * `pnpm --filter @baton/web build` does (the served `apps/web/dist` carries no manifest).
 */
export async function buildWebAppWithManifest(outDir: string): Promise<string> {
  const webDir = join(REPO_DIR, 'apps/web');
  const webRequire = createRequire(join(webDir, 'package.json'));
  const vite = (await import(pathToFileURL(webRequire.resolve('vite')).href)) as ViteLike;
  await vite.build({
    root: webDir,
    configFile: join(webDir, 'vite.config.ts'),
    logLevel: 'warn',
    mode: 'production',
    build: { outDir, emptyOutDir: true, manifest: true },
  });
  return outDir;
}
