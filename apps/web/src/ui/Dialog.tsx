// A modal dialog on the native <dialog> element: focus trapping, Escape and the backdrop come from the browser.
import { type ReactNode, useEffect, useRef } from 'react';

export interface DialogProps {
  open: boolean;
  onClose(): void;
  /** Labels the dialog for assistive technology and tests. */
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  wide?: boolean;
  testId?: string;
}

export function Dialog({ open, onClose, title, children, actions, wide, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-label={title}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onMouseDown={(event) => {
        // A press on the backdrop lands on the <dialog> itself, never on its content.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="dialog-body">
        <h2 className="dialog-title">{title}</h2>
        {children}
      </div>
      {actions && <div className="dialog-actions">{actions}</div>}
    </dialog>
  );
}
