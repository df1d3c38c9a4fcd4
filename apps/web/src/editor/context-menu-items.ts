// What the context menu offers for a node, an edge or the canvas: the editing actions people expect there (as in
// Figma, n8n or Langflow), each the same store action its shortcut runs.
import type { ContextMenuItem, ContextMenuState } from './ContextMenu';
import type { DocumentStore } from './document-store';
import { copySelectionTo, pasteText } from './use-editor-keyboard';

export interface MenuActions {
  onNotice(text: string): void;
  onShortcuts(): void;
  onFitView(): void;
}

export function contextMenuItems(
  store: DocumentStore,
  target: ContextMenuState['target'],
  actions: MenuActions,
): ContextMenuItem[] {
  const state = store.getState();
  if (target.type === 'node') {
    const many = state.selection.nodes.size > 1;
    return [
      {
        label: many ? `Copy ${state.selection.nodes.size} nodes` : 'Copy',
        hint: 'Ctrl+C',
        onSelect: () => void copyToSystemClipboard(store, actions),
      },
      { label: 'Duplicate', hint: 'Ctrl+D', onSelect: () => store.getState().duplicateSelection() },
      { label: 'Delete', hint: 'Del', danger: true, onSelect: () => store.getState().deleteSelection() },
    ];
  }
  if (target.type === 'edge') {
    return [{ label: 'Delete edge', hint: 'Del', danger: true, onSelect: () => store.getState().deleteSelection() }];
  }
  return [
    { label: 'Paste', hint: 'Ctrl+V', onSelect: () => void pasteFromSystemClipboard(store, actions) },
    { label: 'Select all', hint: 'Ctrl+A', onSelect: () => store.getState().selectAll() },
    { label: 'Fit view', onSelect: actions.onFitView },
    { label: 'Keyboard shortcuts', hint: '?', onSelect: actions.onShortcuts },
  ];
}

/** A menu has no clipboard event: the async Clipboard API, with the in-memory clipboard when it is refused. */
async function copyToSystemClipboard(store: DocumentStore, actions: MenuActions): Promise<void> {
  const transfer = new DataTransfer();
  const note = copySelectionTo(store, transfer);
  if (note === null) return;
  await navigator.clipboard?.writeText(transfer.getData('text/plain')).catch(() => undefined);
  if (note) actions.onNotice(note);
}

async function pasteFromSystemClipboard(store: DocumentStore, actions: MenuActions): Promise<void> {
  const text = (await navigator.clipboard?.readText().catch(() => '')) ?? '';
  const note = pasteText(store, text);
  if (note) actions.onNotice(note);
}
