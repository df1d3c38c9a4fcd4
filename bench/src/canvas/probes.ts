// What runs inside the page: self-contained functions that Playwright serialises (no imports, no closures).

declare global {
  interface Window {
    __bench: {
      expectedNodes: number;
      expectedEdges: number;
      /** performance.now() (ms since navigation) from when every node and edge in view was rendered. */
      renderedAt: number | null;
      renderedNodes: number;
      longTasks: { start: number; duration: number }[];
      sseMessages: number;
    };
  }
}

/** Installed before the page's own scripts: render watch, long-task observer, and an EventSource message count. */
export function installProbes(expected: { nodes: number; edges: number }): void {
  window.__bench = {
    expectedNodes: expected.nodes,
    expectedEdges: expected.edges,
    renderedAt: null,
    renderedNodes: 0,
    longTasks: [],
    sseMessages: 0,
  };
  const bench = window.__bench;
  // Rendered = nodes and edges on screen, every node measured (React Flow hides a node until it is), and the
  // counts unchanged for 30 frames. Counting to N would not do: our editor renders only what is in view.
  let last = '';
  let stableSince = 0;
  let stableFrames = 0;
  const poll = () => {
    const nodes = document.querySelectorAll('.react-flow__node');
    const edges = document.querySelectorAll('.react-flow__edge').length;
    let hidden = 0;
    for (const node of nodes) if ((node as HTMLElement).style.visibility === 'hidden') hidden++;
    const key = `${nodes.length}/${edges}`;
    const ready = nodes.length > 0 && edges >= Math.min(1, bench.expectedEdges) && hidden === 0;
    if (!ready || key !== last) {
      last = key;
      stableFrames = 0;
      stableSince = performance.now();
    } else if (++stableFrames >= 30) {
      bench.renderedAt = stableSince;
      bench.renderedNodes = nodes.length;
      return;
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const Native = window.EventSource;
  window.EventSource = class extends Native {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      this.addEventListener('message', () => {
        bench.sseMessages++;
      });
    }
  };
}

/** Counts requestAnimationFrame callbacks for `ms`: the frame rate the page managed meanwhile. */
export function countFrames(ms: number): Promise<{ frames: number; ms: number }> {
  return new Promise((resolve) => {
    let frames = 0;
    const start = performance.now();
    const tick = () => {
      frames++;
      const elapsed = performance.now() - start;
      if (elapsed < ms) requestAnimationFrame(tick);
      else resolve({ frames, ms: elapsed });
    };
    requestAnimationFrame(tick);
  });
}

/** A point on the empty pane (not on a node, edge or control), for a pan gesture to start from. */
export function findPanePoint(): { x: number; y: number } | null {
  for (let y = 120; y < window.innerHeight - 120; y += 17) {
    for (let x = 120; x < window.innerWidth - 120; x += 23) {
      const element = document.elementFromPoint(x, y);
      if (element?.classList.contains('react-flow__pane')) return { x, y };
    }
  }
  return null;
}

/** The centre of a node that is fully on screen, for a drag gesture. */
export function findNodePoint(): { x: number; y: number } | null {
  for (const element of document.querySelectorAll('.react-flow__node')) {
    const box = element.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const inside =
      box.left > 10 && box.top > 10 && box.right < window.innerWidth - 10 && box.bottom < window.innerHeight - 10;
    // Not under a panel: the point must hit the node itself.
    if (inside && element.contains(document.elementFromPoint(x, y))) return { x, y };
  }
  return null;
}
