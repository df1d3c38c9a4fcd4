// The palette's and the run panel's open/closed state for the toolbar's toggles, and the room a shown run gets.
import type { ReactFlowInstance } from '@xyflow/react';
import { type RefObject, useCallback, useMemo, useRef, useState } from 'react';
import type { PanelImperativeHandle } from 'react-resizable-panels';
import { fitReadable } from './fit-view';
import type { RunDock } from './run-dock';

/** The run panel's share of the height while a run is shown: about 10 trace rows with the detail beside them. */
const RUN_ROOM_PERCENT = 52;

export type CollapsiblePanel = 'palette' | 'bottom';

export function usePanelToggles(flow: ReactFlowInstance, canvasRef: RefObject<HTMLElement | null>) {
  const paletteRef = useRef<PanelImperativeHandle | null>(null);
  const bottomRef = useRef<PanelImperativeHandle | null>(null);
  const [collapsed, setCollapsed] = useState<Record<CollapsiblePanel, boolean>>({ palette: false, bottom: false });
  const onCollapsedChange = useCallback(
    (panel: CollapsiblePanel, value: boolean) =>
      setCollapsed((previous) => (previous[panel] === value ? previous : { ...previous, [panel]: value })),
    [],
  );
  const toggle = useCallback((panel: CollapsiblePanel) => {
    const handle = (panel === 'palette' ? paletteRef : bottomRef).current;
    if (!handle) return;
    if (handle.isCollapsed()) handle.expand();
    else handle.collapse();
  }, []);
  const dock = useMemo<RunDock>(
    () => ({
      makeRoom: () => {
        const panel = bottomRef.current;
        if (!panel) return;
        if (panel.isCollapsed()) panel.expand();
        if (panel.getSize().asPercentage >= RUN_ROOM_PERCENT) return;
        // The canvas is about to lose height: once it has, fit the graph again so the nodes that work stay in view.
        refitOnResize(flow, canvasRef.current);
        panel.resize(`${RUN_ROOM_PERCENT}%`);
      },
    }),
    [flow, canvasRef],
  );
  return { paletteRef, bottomRef, collapsed, onCollapsedChange, toggle, dock };
}

/** Fits the graph once, when `canvas` next changes size (or after half a second, if it does not). */
function refitOnResize(flow: ReactFlowInstance, canvas: HTMLElement | null): void {
  if (!canvas) return;
  const initial = canvas.clientHeight;
  let done = false;
  const refit = () => {
    if (done) return;
    done = true;
    observer.disconnect();
    void fitReadable(flow, canvas);
  };
  const observer = new ResizeObserver(() => {
    if (canvas.clientHeight !== initial) refit();
  });
  observer.observe(canvas);
  setTimeout(refit, 500);
}
