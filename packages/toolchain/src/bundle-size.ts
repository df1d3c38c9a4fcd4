// How much script a page of a Vite build needs before it shows: read from the build manifest, so the figure is
// the same on every machine (the web app's size test and the benchmark both use it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One chunk of `.vite/manifest.json`, keyed by its source (`index.html`, `src/pages/EditorPage.tsx`). */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  /** The styles the chunk brings (Vite loads them with it). */
  css?: string[];
}

export type ViteManifest = Record<string, ManifestChunk>;

export interface ScriptSize {
  /** The script files, in the order they were reached. */
  files: string[];
  bytes: number;
  gzipBytes: number;
}

export function readManifest(distDir: string): ViteManifest {
  return JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8')) as ViteManifest;
}

/**
 * The script of the given manifest keys and of every chunk they import statically, each file counted once. Lazy
 * imports (`dynamicImports`) are not followed: they load when needed, not before the page shows.
 */
export function scriptSize(distDir: string, manifest: ViteManifest, keys: readonly string[]): ScriptSize {
  const files: string[] = [];
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`The build manifest has no chunk "${key}".`);
    if (chunk.file.endsWith('.js')) files.push(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of keys) visit(key);
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(join(distDir, file));
    bytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files, bytes, gzipBytes };
}
