// The first screen's budget: the graph list at `/` and the editor of one graph each need under 300 KB of gzipped
// script. A production build (in a temporary folder) is measured from its manifest, so the figures are exact.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readManifest, scriptSize, type ViteManifest } from '@baton/toolchain';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const WEB = fileURLToPath(new URL('..', import.meta.url));
const BUDGET_GZIP_BYTES = 300 * 1024;

/** The manifest keys of what each screen loads before it shows: the entry and the page's own chunk. */
const SCREENS = {
  'graph list': ['index.html', 'src/graphs/GraphsPage.tsx'],
  editor: ['index.html', 'src/pages/EditorPage.tsx'],
} as const;

describe('the script of the first screen', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'baton-web-size-'));
  let manifest: ViteManifest;
  beforeAll(async () => {
    // Vitest runs with NODE_ENV=test, which would make Vite bundle React's development build: measure what ships.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    await build({
      root: WEB,
      configFile: join(WEB, 'vite.config.ts'),
      logLevel: 'warn',
      mode: 'production',
      build: { outDir, emptyOutDir: true, manifest: true },
    }).finally(() => {
      process.env.NODE_ENV = nodeEnv;
    });
    manifest = readManifest(outDir);
  }, 240_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  for (const [screen, keys] of Object.entries(SCREENS)) {
    it(`${screen}: under 300 KB gzipped`, () => {
      const size = scriptSize(outDir, manifest, keys);
      // Printed so a failure (and a passing run) says where the budget stands.
      console.info(`${screen}: ${(size.gzipBytes / 1024).toFixed(1)} KB gzipped, ${size.files.length} files`);
      expect(size.gzipBytes).toBeLessThan(BUDGET_GZIP_BYTES);
    });
  }

  it('keeps elk, the Markdown renderer and the image export out of both screens', () => {
    const eager = new Set(Object.values(SCREENS).flatMap((keys) => scriptSize(outDir, manifest, keys).files));
    const lazySources = Object.entries(manifest)
      .filter(([key]) => /elkjs|react-markdown|html-to-image|ResultView|EscalationDialog/.test(key))
      .map(([, chunk]) => chunk.file);
    expect(lazySources.length).toBeGreaterThan(0);
    for (const file of lazySources) expect(eager.has(file)).toBe(false);
  });

  // Ajv compiles JSON Schemas: about 90 KB gzipped that only a check needs (the graph's problems, a schema field, a
  // run's input), and checks run after the first screen. Found by its code, whatever chunk the bundler puts it in.
  it('keeps Ajv out of both screens', () => {
    const ajvOption = 'strictTuples';
    const hasAjv = (file: string) => readFileSync(join(outDir, file), 'utf8').includes(ajvOption);
    const files = Object.values(manifest).map((chunk) => chunk.file);
    expect(files.some(hasAjv)).toBe(true);
    for (const keys of Object.values(SCREENS)) {
      expect(scriptSize(outDir, manifest, keys).files.filter(hasAjv)).toEqual([]);
    }
  });
});
