// The page's buttons in the editor's toolbar: version history, save version, and export (JSON and PNG).
import { type RefObject, useState } from 'react';
import { errorMessage } from '../api/client';
import { useDocumentStore } from '../editor/document-context';
import type { Autosave } from '../persistence/autosave';
import { exportCanvasPng, exportGraphFile } from '../persistence/export';
import { SaveVersionDialog } from '../persistence/SaveVersionDialog';
import { VersionsDialog } from '../persistence/VersionsDialog';
import { Menu } from '../ui/Menu';

export interface EditorToolbarProps {
  graphId: string;
  autosave: Autosave;
  /** The element around the canvas, for the PNG export. */
  canvasRef: RefObject<HTMLElement | null>;
  onNotice(message: string): void;
}

export function EditorToolbar({ graphId, autosave, canvasRef, onNotice }: EditorToolbarProps) {
  const store = useDocumentStore();
  const [dialog, setDialog] = useState<'save-version' | 'versions' | null>(null);

  async function exportPng() {
    const container = canvasRef.current;
    if (!container) return;
    try {
      await exportCanvasPng(container, store.getState().document.name);
    } catch (error) {
      onNotice(`Could not export the image: ${errorMessage(error)}`);
    }
  }

  function exportJson() {
    try {
      exportGraphFile(store.getState().toDocument());
    } catch (error) {
      onNotice(`Could not export the graph: ${errorMessage(error)}`);
    }
  }

  return (
    <div className="page-toolbar" data-testid="page-toolbar">
      <button type="button" className="btn btn-sm" onClick={() => setDialog('versions')} data-testid="open-history">
        History
      </button>
      <button type="button" className="btn btn-sm" onClick={() => setDialog('save-version')} data-testid="save-version">
        Save version
      </button>
      <Menu
        label="Export"
        testId="export-menu"
        items={[
          { label: 'Graph as JSON', hint: '.baton.json', onSelect: exportJson, testId: 'export-json' },
          { label: 'Canvas as PNG', hint: '.png', onSelect: () => void exportPng(), testId: 'export-png' },
        ]}
      />
      <SaveVersionDialog
        open={dialog === 'save-version'}
        graphId={graphId}
        autosave={autosave}
        onClose={() => setDialog(null)}
        onSaved={(version) => onNotice(`Saved as version ${version}.`)}
      />
      <VersionsDialog
        open={dialog === 'versions'}
        graphId={graphId}
        store={store}
        onClose={() => setDialog(null)}
        onRestored={(version) => onNotice(`Restored version ${version} into the draft. Ctrl+Z undoes it.`)}
      />
    </div>
  );
}
