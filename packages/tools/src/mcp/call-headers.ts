// Per-call HTTP headers (a tool call's `traceparent`) for a transport whose headers are fixed when it is made: the
// call runs inside `withCallHeaders`, and the transport's fetch adds what it finds there to the request it sends.
import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<Record<string, string>>();

export function withCallHeaders<T>(headers: Record<string, string> | undefined, run: () => Promise<T>): Promise<T> {
  return headers && Object.keys(headers).length > 0 ? current.run(headers, run) : run();
}

/** `fetch` with the current call's headers over the transport's own. */
export const fetchWithCallHeaders: typeof fetch = (input, init) => {
  const extra = current.getStore();
  if (!extra) return fetch(input, init);
  const headers = new Headers(init?.headers);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return fetch(input, { ...init, headers });
};
