// Editing shortcuts: undo/redo, delete, copy/paste (through the system clipboard), select all, duplicate, the list of
// shortcuts and the context menu from the keyboard. Typing in a field is left alone.
import { useEffect, useRef } from 'react';
import { readSnippet, snippetText } from './clipboard-snippet';
import type { DocumentStore } from './document-store';
import { extractFragment } from './fragment';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Dialogs of the app, and menus, own their keys. */
function inOverlay(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('dialog[open], [role="menu"]') !== null;
}

export type Shortcut =
  | 'delete'
  | 'undo'
  | 'redo'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'duplicate'
  | 'shortcuts'
  | 'contextMenu';

/** What a key press does, or null when it is not a shortcut of the editor. Exported for tests. */
export function shortcutFor(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): Shortcut | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (event.altKey) return null;
  if (!mod && (key === 'delete' || key === 'backspace')) return 'delete';
  if (!mod && event.key === '?') return 'shortcuts';
  if (!mod && ((event.shiftKey && key === 'f10') || key === 'contextmenu')) return 'contextMenu';
  if (!mod) return null;
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  if (key === 'c' && !event.shiftKey) return 'copy';
  if (key === 'v' && !event.shiftKey) return 'paste';
  if (key === 'a' && !event.shiftKey) return 'selectAll';
  if (key === 'd' && !event.shiftKey) return 'duplicate';
  return null;
}

export interface EditorKeyboardHandlers {
  /** A sentence about a copy or paste (edges left out, a snippet refused). */
  onNotice(text: string): void;
  onShortcuts(): void;
  /** Shift+F10 or the menu key: the context menu of the selection (or the canvas). */
  onContextMenu(): void;
}

export function useEditorKeyboard(store: DocumentStore, handlers: EditorKeyboardHandlers, enabled = true): void {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event.target) || inOverlay(event.target)) return;
      const action = shortcutFor(event);
      // Copy and paste go through the browser's own clipboard events (below): cancelling the key would stop them.
      if (!action || action === 'copy' || action === 'paste') return;
      const state = store.getState();
      event.preventDefault();
      if (action === 'delete') state.deleteSelection();
      else if (action === 'undo') state.undo();
      else if (action === 'redo') state.redo();
      else if (action === 'selectAll') state.selectAll();
      else if (action === 'duplicate') state.duplicateSelection();
      else if (action === 'shortcuts') latest.current.onShortcuts();
      else latest.current.onContextMenu();
    };
    const onCopy = (event: ClipboardEvent) => {
      if (isTyping(event.target) || inOverlay(event.target) || hasTextSelection()) return;
      const note = copySelectionTo(store, event.clipboardData);
      if (note === null) return;
      event.preventDefault();
      if (note) latest.current.onNotice(note);
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target) || inOverlay(event.target)) return;
      event.preventDefault();
      const note = pasteText(store, event.clipboardData?.getData('text/plain') ?? '');
      if (note) latest.current.onNotice(note);
    };
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [store, enabled]);
}

function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().length > 0;
}

/**
 * Puts the selected nodes on the clipboard (`data`, or the in-memory one only). Null when nothing is selected; else
 * the note to show ('' for none): edges to nodes not copied are left out, and said so.
 */
export function copySelectionTo(store: DocumentStore, data: DataTransfer | null): string | null {
  const state = store.getState();
  const fragment = extractFragment(state.document, state.selection.nodes);
  if (!fragment) return null;
  state.copySelection();
  data?.setData('text/plain', snippetText(fragment));
  const ids = new Set(fragment.nodes.map((node) => node.id));
  const left = state.document.edges.filter((edge) => ids.has(edge.source) !== ids.has(edge.target)).length;
  return left > 0
    ? `Copied ${plural(fragment.nodes.length, 'node')}; ${plural(left, 'edge')} to nodes not copied ${left === 1 ? 'was' : 'were'} left out.`
    : '';
}

/** Pastes clipboard text (the in-memory clipboard when there is none); returns the note to show, '' for none. */
export function pasteText(store: DocumentStore, text: string): string {
  const state = store.getState();
  if (text.trim() === '') {
    state.paste();
    return '';
  }
  const read = readSnippet(text);
  if (!read.ok) return read.message;
  state.pasteNodes(read.fragment);
  const pasted = plural(read.fragment.nodes.length, 'node');
  return read.droppedEdges > 0
    ? `Pasted ${pasted}; ${plural(read.droppedEdges, 'edge')} to nodes not copied ${read.droppedEdges === 1 ? 'was' : 'were'} dropped.`
    : '';
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
