// The context menu of the canvas with the items for what it was opened on; its own chunk, loaded on first use.
import { ContextMenu, type ContextMenuState } from './ContextMenu';
import { contextMenuItems, type MenuActions } from './context-menu-items';
import type { DocumentStore } from './document-store';

const LABELS: Record<ContextMenuState['target']['type'], string> = { canvas: 'Canvas', node: 'Node', edge: 'Edge' };

export function CanvasMenu({
  store,
  menu,
  actions,
  onClose,
}: {
  store: DocumentStore;
  menu: ContextMenuState;
  actions: MenuActions;
  onClose(): void;
}) {
  return (
    <ContextMenu
      at={menu}
      label={LABELS[menu.target.type]}
      items={contextMenuItems(store, menu.target, actions)}
      onClose={onClose}
    />
  );
}
