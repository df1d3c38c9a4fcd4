// The list of the editor's shortcuts, opened with `?` (and from the canvas's context menu).
import { Dialog } from '../ui/Dialog';

const SHORTCUTS: readonly [keys: string, what: string][] = [
  ['Click, Shift+click', 'Select a node or an edge; add to the selection'],
  ['Shift+drag', 'Select everything in a box'],
  ['Tab, Enter', 'Reach a node with the keyboard; select it'],
  ['Arrow keys', 'Move the selected nodes (Shift: further)'],
  ['Ctrl+C, Ctrl+V', 'Copy and paste nodes, also into another graph'],
  ['Ctrl+D', 'Duplicate the selection'],
  ['Delete, Backspace', 'Delete the selection'],
  ['Ctrl+A', 'Select everything'],
  ['Ctrl+Z, Ctrl+Shift+Z', 'Undo, redo'],
  ['Shift+F10, right-click', 'The context menu'],
  ['Ctrl+S', 'Save the draft now'],
  ['?', 'This list'],
];

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <Dialog
      open
      title="Keyboard shortcuts"
      testId="shortcuts-dialog"
      onClose={onClose}
      actions={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          Close
        </button>
      }
    >
      <dl className="shortcut-list">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="shortcut-row">
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
