// Editing shortcuts: undo/redo, delete, copy/paste, select all, duplicate. Typing in a field is left alone.
import { useEffect } from 'react';
import type { DocumentStore } from './document-store';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** What a key press does, or null when it is not a shortcut of the editor. Exported for tests. */
export function shortcutFor(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>) {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (event.altKey) return null;
  if (!mod && (key === 'delete' || key === 'backspace')) return 'delete';
  if (!mod) return null;
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  if (key === 'c' && !event.shiftKey) return 'copy';
  if (key === 'v' && !event.shiftKey) return 'paste';
  if (key === 'a' && !event.shiftKey) return 'selectAll';
  if (key === 'd' && !event.shiftKey) return 'duplicate';
  return null;
}

export function useEditorKeyboard(store: DocumentStore, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event.target)) return;
      // Dialogs of the app own their keys.
      if (event.target instanceof HTMLElement && event.target.closest('dialog[open]')) return;
      const action = shortcutFor(event);
      if (!action) return;
      const state = store.getState();
      event.preventDefault();
      if (action === 'delete') state.deleteSelection();
      else if (action === 'undo') state.undo();
      else if (action === 'redo') state.redo();
      else if (action === 'copy') state.copySelection();
      else if (action === 'paste') state.paste();
      else if (action === 'selectAll') state.selectAll();
      else state.duplicateSelection();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, enabled]);
}
