// Wraps a page or the canvas so that dropping a .json file on it imports the file; shows a hint while dragging.
import { type DragEvent, type ReactNode, useRef, useState } from 'react';
import { dragHasFiles, graphFilesOf } from './files';

export interface FileDropZoneProps {
  onFile(file: File): void;
  label: string;
  children: ReactNode;
  className?: string;
}

export function FileDropZone({ onFile, label, children, className = 'drop-zone' }: FileDropZoneProps) {
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child; count them so the hint does not flicker.
  const depth = useRef(0);

  function onDragEnter(event: DragEvent) {
    if (!dragHasFiles(event)) return;
    event.preventDefault();
    depth.current++;
    setOver(true);
  }

  function onDragLeave(event: DragEvent) {
    if (!dragHasFiles(event)) return;
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setOver(false);
  }

  function onDragOver(event: DragEvent) {
    if (!dragHasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }

  function onDrop(event: DragEvent) {
    if (!dragHasFiles(event)) return;
    event.preventDefault();
    event.stopPropagation();
    depth.current = 0;
    setOver(false);
    const [file] = graphFilesOf(event.dataTransfer.files);
    const any = event.dataTransfer.files[0];
    // A non-JSON file still goes through, so its reader can say what is wrong with it.
    if (file ?? any) onFile((file ?? any) as File);
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target; the same import is a button on the page
    <div
      className={className}
      onDragEnter={onDragEnter}
      onDragLeave={onDragLeave}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      {children}
      {over && (
        <div className="drop-hint" data-testid="drop-hint">
          <div className="drop-hint-card">{label}</div>
        </div>
      )}
    </div>
  );
}
