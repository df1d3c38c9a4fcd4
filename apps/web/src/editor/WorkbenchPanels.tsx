// The editor's resizable panels: the palette on the left, the canvas over the run panel in the middle, and the
// inspector on the right only while something is selected. Sizes are remembered per browser; the palette and the
// run panel collapse (from the toolbar, by dragging a separator past its minimum, or with the separator's keys).
import type { ReactNode, RefObject } from 'react';
import { Group, Panel, type PanelImperativeHandle, Separator, useDefaultLayout } from 'react-resizable-panels';

export interface WorkbenchPanelsProps {
  palette: ReactNode;
  canvas: ReactNode;
  /** The run panel, under the canvas; none in editors without runs. */
  bottom?: ReactNode;
  /** The inspector; null when nothing is selected, and then it takes no room. */
  inspector: ReactNode | null;
  paletteRef: RefObject<PanelImperativeHandle | null>;
  bottomRef: RefObject<PanelImperativeHandle | null>;
  /** Called when a collapsible panel opens or closes, so the toolbar's toggles show its state. */
  onCollapsedChange(panel: 'palette' | 'bottom', collapsed: boolean): void;
}

const storage = typeof window === 'undefined' ? undefined : window.localStorage;

export function WorkbenchPanels({
  palette,
  canvas,
  bottom,
  inspector,
  paletteRef,
  bottomRef,
  onCollapsedChange,
}: WorkbenchPanelsProps) {
  const columnIds = inspector ? ['panel-palette', 'panel-work', 'panel-inspector'] : ['panel-palette', 'panel-work'];
  const columns = useDefaultLayout({ id: 'baton.editor.columns', panelIds: columnIds, storage });
  const rows = useDefaultLayout({ id: 'baton.editor.rows', panelIds: ['panel-canvas', 'panel-run'], storage });
  return (
    <Group
      orientation="horizontal"
      className="workbench-columns"
      defaultLayout={columns.defaultLayout}
      onLayoutChanged={columns.onLayoutChanged}
    >
      <Panel
        id="panel-palette"
        panelRef={paletteRef}
        defaultSize={216}
        minSize={176}
        maxSize={360}
        collapsible
        collapsedSize={0}
        onResize={(size) => onCollapsedChange('palette', size.inPixels === 0)}
      >
        {palette}
      </Panel>
      <Separator className="workbench-separator" aria-label="Resize the palette" />
      <Panel id="panel-work" minSize={320}>
        {bottom ? (
          <Group
            orientation="vertical"
            className="workbench-rows"
            defaultLayout={rows.defaultLayout}
            onLayoutChanged={rows.onLayoutChanged}
          >
            <Panel id="panel-canvas" minSize={160}>
              {canvas}
            </Panel>
            <Separator className="workbench-separator" aria-label="Resize the run panel" />
            <Panel
              id="panel-run"
              panelRef={bottomRef}
              defaultSize="32%"
              minSize={140}
              collapsible
              collapsedSize={0}
              onResize={(size) => onCollapsedChange('bottom', size.inPixels === 0)}
            >
              {bottom}
            </Panel>
          </Group>
        ) : (
          canvas
        )}
      </Panel>
      {inspector ? (
        <>
          <Separator className="workbench-separator" aria-label="Resize the inspector" />
          <Panel id="panel-inspector" defaultSize={340} minSize={260} maxSize={640}>
            {inspector}
          </Panel>
        </>
      ) : null}
    </Group>
  );
}
