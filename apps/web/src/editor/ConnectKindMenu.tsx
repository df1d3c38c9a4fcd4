// The small menu that asks which edge kind to draw when several fit both ends (orchestrator -> specialist).
import { EDGE_RULES, type EdgeKind } from '@baton/contracts';
import { useEffect, useRef } from 'react';
import { EDGE_KIND_LABEL } from './edges/edge-labels';

export interface KindChoice {
  source: string;
  target: string;
  kinds: EdgeKind[];
  /** Where the edge was dropped, in canvas coordinates. */
  x: number;
  y: number;
}

export function ConnectKindMenu({
  choice,
  onPick,
  onClose,
}: {
  choice: KindChoice;
  onPick(kind: EdgeKind): void;
  onClose(): void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    const onPointer = (event: PointerEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) onClose();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [onClose]);
  return (
    <div
      ref={ref}
      className="connect-menu"
      role="menu"
      aria-label="Which kind of edge?"
      style={{ left: choice.x, top: choice.y }}
      data-testid="connect-menu"
    >
      <p className="connect-menu__title">Which kind of edge?</p>
      {choice.kinds.map((kind) => (
        <button
          key={kind}
          type="button"
          role="menuitem"
          className="connect-menu__item"
          onClick={() => onPick(kind)}
          data-testid={`connect-kind-${kind}`}
        >
          <span className={`connect-menu__swatch baton-edge-swatch--${kind}`} />
          <span>
            <strong>{EDGE_KIND_LABEL[kind]}</strong>
            <span className="connect-menu__meaning">{EDGE_RULES[kind].meaning}</span>
          </span>
        </button>
      ))}
    </div>
  );
}
