// What runs inside the page: self-contained functions that Playwright serialises (no imports, no closures).

declare global {
  interface Window {
    __bench: {
      expectedNodes: number;
      expectedEdges: number;
      /** performance.now() (ms since navigation) when every node and edge was in the DOM. */
      renderedAt: number | null;
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
    longTasks: [],
    sseMessages: 0,
  };
  const bench = window.__bench;
  // Edges are drawn only once their nodes are measured, so nodes and edges all present means rendered for real.
  const poll = () => {
    const nodes = document.querySelectorAll('.react-flow__node').length;
    const edges = document.querySelectorAll('.react-flow__edge').length;
    if (nodes >= bench.expectedNodes && edges >= bench.expectedEdges) bench.renderedAt = performance.now();
    else requestAnimationFrame(poll);
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
    if (
      box.left > 100 &&
      box.top > 100 &&
      box.right < window.innerWidth - 200 &&
      box.bottom < window.innerHeight - 200
    ) {
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
  }
  return null;
}
