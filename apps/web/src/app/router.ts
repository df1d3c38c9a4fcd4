// The app's tiny router: three routes over the History API, read with useRoute(), changed with navigate().
import { useMemo, useSyncExternalStore } from 'react';

export type Route =
  | { name: 'graphs' }
  | { name: 'editor'; graphId: string; runId?: string }
  | { name: 'not-found'; path: string };

export const graphsPath = (): string => '/';
export const graphPath = (graphId: string): string => `/graphs/${encodeURIComponent(graphId)}`;
export const runPath = (graphId: string, runId: string): string =>
  `${graphPath(graphId)}/runs/${encodeURIComponent(runId)}`;

/** Reads a pathname into a route; anything unknown is `not-found` (never an exception). */
export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'graphs' };
  const parts = path.split('/').slice(1).map(safeDecode);
  if (parts.some((part) => part === null || part === '')) return { name: 'not-found', path };
  const [first, graphId, runs, runId, ...rest] = parts as string[];
  if (first !== 'graphs' || graphId === undefined || rest.length > 0) return { name: 'not-found', path };
  if (runs === undefined) return { name: 'editor', graphId };
  if (runs === 'runs' && runId !== undefined) return { name: 'editor', graphId, runId };
  return { name: 'not-found', path };
}

function safeDecode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener('popstate', notify);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

function notify(): void {
  for (const listener of listeners) listener();
}

const getPathname = (): string => window.location.pathname;

/** Goes to `path` inside the app (no reload). `replace` swaps the history entry instead of pushing one. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  notify();
}

/** The current route; re-renders on navigate() and on back/forward. */
export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, getPathname, getPathname);
  return useMemo(() => parseRoute(pathname), [pathname]);
}
