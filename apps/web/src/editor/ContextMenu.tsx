// The canvas's context menu (right-click, Shift+F10 or the menu key): what can be done with a node, an edge or the
// canvas where it was opened. Arrow keys move through it, Escape or a click outside closes it.
import { useEffect, useRef } from 'react';

export interface ContextMenuItem {
  label: string;
  hint?: string;
  disabled?: boolean;
  danger?: boolean;
  onSelect(): void;
}

export interface ContextMenuState {
  /** What the menu is about: its items are chosen by the editor. */
  target:
    | { type: 'node'; id: string }
    | { type: 'edge'; id: string }
    | { type: 'canvas'; flow: { x: number; y: number } };
  /** Where it opens, in the canvas element's coordinates. */
  x: number;
  y: number;
}

export function ContextMenu({
  at,
  label,
  items,
  onClose,
}: {
  at: { x: number; y: number };
  label: string;
  items: ContextMenuItem[];
  onClose(): void;
}) {
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // The first item takes the focus, so the keyboard can go on from there; closing gives it back.
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    root.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      before?.focus({ preventScroll: true });
    };
  }, [onClose]);

  const move = (step: number) => {
    const buttons = [...(root.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[(index + step + buttons.length) % buttons.length]?.focus();
  };

  return (
    <div
      ref={root}
      className="menu-list context-menu"
      role="menu"
      aria-label={label}
      data-testid="context-menu"
      style={{ left: at.x, top: at.y }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
        else if (event.key === 'ArrowDown') move(1);
        else if (event.key === 'ArrowUp') move(-1);
        else return;
        event.preventDefault();
        event.stopPropagation();
      }}
      onContextMenu={(event) => event.preventDefault()}
    >
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          className={`menu-item${item.danger ? ' menu-item--danger' : ''}`}
          disabled={item.disabled}
          onClick={() => {
            onClose();
            item.onSelect();
          }}
        >
          <span>{item.label}</span>
          {item.hint && <span className="menu-hint">{item.hint}</span>}
        </button>
      ))}
    </div>
  );
}
