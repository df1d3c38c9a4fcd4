// The open graph's name, editable in place; a rename is one undoable change of the document (autosave saves it).
import { useEffect, useState } from 'react';
import { useDocument, useDocumentStore } from '../editor/document-context';

export function GraphTitle() {
  const store = useDocumentStore();
  const name = useDocument((state) => state.document.name);
  const [draft, setDraft] = useState(name);
  useEffect(() => setDraft(name), [name]);

  function commit() {
    const next = draft.trim();
    if (!next || next === name) {
      setDraft(name);
      return;
    }
    const { document, replaceDocument } = store.getState();
    replaceDocument({ ...document, name: next });
  }

  return (
    <input
      className="graph-title"
      aria-label="Graph name"
      data-testid="graph-title"
      value={draft}
      maxLength={200}
      size={Math.max(8, Math.min(40, draft.length + 1))}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.currentTarget.blur();
        if (event.key === 'Escape') {
          setDraft(name);
          // Let the blur that follows see the old name and do nothing.
          requestAnimationFrame(() => event.currentTarget?.blur());
        }
        // Keep the editor's shortcuts (delete, undo, select all) away from the text being typed.
        event.stopPropagation();
      }}
    />
  );
}
