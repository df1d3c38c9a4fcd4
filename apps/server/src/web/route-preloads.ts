// What a page of the web app asks for as soon as its script runs, announced in the HTML it is served with, so the
// browser fetches it beside the app's entry instead of after it: the page's own chunks (from Vite's build manifest)
// and the graph an editor opens. Without this the editor waited for the entry to arrive and run before it even
// asked for its chunks and its graph. Links only: the Content-Security-Policy allows no inline script.
import { GraphId } from '@baton/contracts';
// Types only: the toolchain is the workspace's (its size test reads the same manifest), not the server's runtime.
import type { ManifestChunk, ViteManifest } from '@baton/toolchain';

/** The manifest keys of the pages' chunks: the modules apps/web/src/app/App.tsx loads for each route. */
const PAGE_CHUNKS = {
  graphs: 'src/graphs/GraphsPage.tsx',
  editor: 'src/pages/EditorPage.tsx',
} as const;

interface PagePreload {
  chunk: string;
  /** The API request the page starts with, fetched as the app's own `apiFetch` does (same origin, cookies). */
  api?: string;
}

/**
 * The page a path opens, as the web app's router reads it (apps/web/src/app/router.ts): `/`, `/graphs/:id` and
 * `/graphs/:id/runs/:runId`. Anything else preloads nothing (the app shows its not-found page).
 */
function pageOf(pathname: string): PagePreload | null {
  const path = pathname.replace(/\/+$/, '') || '/';
  // Not the list's request: the list asks for it only once the sign-in gate lets it through, and a preloaded 401
  // from before signing in would answer that later request (the editor's graph is taken at start-up instead, and
  // asked again when it failed: fetchOpeningGraph in apps/web/src/api/graphs.ts).
  if (path === '/') return { chunk: PAGE_CHUNKS.graphs };
  const match = /^\/graphs\/([^/]+)(?:\/runs\/[^/]+)?$/.exec(path);
  if (!match) return null;
  let id: string;
  try {
    id = decodeURIComponent(match[1] ?? '');
  } catch {
    return null;
  }
  // An id the API would refuse is not fetched ahead: the editor will show that error itself.
  if (!GraphId.safeParse(id).success) return { chunk: PAGE_CHUNKS.editor };
  return { chunk: PAGE_CHUNKS.editor, api: `/api/graphs/${encodeURIComponent(id)}` };
}

/** The `<link>` tags for `pathname`'s page: its scripts and styles that the entry does not already load. */
export function routePreloadLinks(pathname: string, manifest: ViteManifest): string[] {
  const page = pageOf(pathname);
  if (!page || !manifest[page.chunk]) return [];
  const entry = new Set(closure(manifest, 'index.html').map((chunk) => chunk.file));
  const links: string[] = [];
  if (page.api) links.push(`<link rel="preload" as="fetch" crossorigin href="${attribute(page.api)}">`);
  for (const chunk of closure(manifest, page.chunk)) {
    if (!entry.has(chunk.file)) links.push(`<link rel="modulepreload" crossorigin href="/${attribute(chunk.file)}">`);
    for (const css of chunk.css ?? [])
      links.push(`<link rel="preload" as="style" crossorigin href="/${attribute(css)}">`);
  }
  return [...new Set(links)];
}

/** `index.html` with `links` before `</head>`; unchanged when there are none. */
export function withPreloads(html: string, links: readonly string[]): string {
  if (links.length === 0) return html;
  const at = html.indexOf('</head>');
  if (at < 0) return html;
  return `${html.slice(0, at)}    ${links.join('\n    ')}\n  ${html.slice(at)}`;
}

/** `key`'s chunk and every chunk it imports statically, each once. */
function closure(manifest: ViteManifest, key: string): ManifestChunk[] {
  const seen = new Set<string>();
  const chunks: ManifestChunk[] = [];
  const visit = (name: string) => {
    const chunk = manifest[name];
    if (seen.has(name) || !chunk) return;
    seen.add(name);
    chunks.push(chunk);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(key);
  return chunks;
}

/** File names come from the build and ids are URI-encoded, but nothing reaches the HTML unescaped. */
function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
