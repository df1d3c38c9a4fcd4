// A button that opens the file picker for .json graph files.
import { type ReactNode, useRef } from 'react';

export interface FilePickerButtonProps {
  onFile(file: File): void;
  children: ReactNode;
  className?: string;
  disabled?: boolean;
  testId?: string;
}

export function FilePickerButton({ onFile, children, className = 'btn', disabled, testId }: FilePickerButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={className} disabled={disabled} onClick={() => input.current?.click()}>
        {children}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid={testId}
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Reset so that picking the same file again fires change again.
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
