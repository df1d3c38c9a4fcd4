// Work that can wait until the page has drawn what it opened with: it runs when the browser is next idle (after
// the frames in flight), or after `timeoutMs` on a page that never idles.
import { useEffect, useState } from 'react';

/** What waits when the browser has no idle callbacks (jsdom, Safari before 18). */
const FALLBACK_DELAY_MS = 200;

/** Runs `task` when the browser is next idle; returns the cancel. */
export function whenIdle(task: () => void, timeoutMs = 1000): () => void {
  if (typeof window.requestIdleCallback !== 'function') {
    const timer = setTimeout(task, Math.min(FALLBACK_DELAY_MS, timeoutMs));
    return () => clearTimeout(timer);
  }
  const handle = window.requestIdleCallback(task, { timeout: timeoutMs });
  return () => window.cancelIdleCallback(handle);
}

/** False until the browser was first idle after this component mounted, then true for good. */
export function useIdleOnce(timeoutMs?: number): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (idle) return;
    return whenIdle(() => setIdle(true), timeoutMs);
  }, [idle, timeoutMs]);
  return idle;
}
