// The palette: drag a node kind onto the canvas, or click it to add one at the centre of the view.
import { NODE_KINDS, type NodeKind } from '@baton/contracts';
import { type DragEvent, memo } from 'react';
import { WEB_NODE_KINDS } from './kinds';

/** The drag data type of a palette item; the canvas accepts drops of this type only. */
export const PALETTE_MIME = 'application/x-baton-node-kind';

export const Palette = memo(function Palette({ onAdd }: { onAdd(kind: NodeKind): void }) {
  const onDragStart = (event: DragEvent, kind: NodeKind) => {
    event.dataTransfer.setData(PALETTE_MIME, kind);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <section className="editor-palette" aria-label="Node palette">
      <h2 className="editor-section-title">Add a node</h2>
      <ul className="palette-list">
        {NODE_KINDS.map((kind) => {
          const meta = WEB_NODE_KINDS[kind];
          return (
            <li key={kind}>
              <button
                type="button"
                className={`palette-item palette-item--${kind}`}
                data-testid={`palette-${kind}`}
                draggable
                onDragStart={(event) => onDragStart(event, kind)}
                onClick={() => onAdd(kind)}
                title={`${meta.summary}. Drag onto the canvas, or click to add at the centre.`}
              >
                <span className={`palette-item__icon baton-kind--${kind}`}>{meta.icon}</span>
                <span className="palette-item__text">
                  <span className="palette-item__label">{meta.label}</span>
                  <span className="palette-item__summary">{meta.summary}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
});
