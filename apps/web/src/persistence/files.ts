// Graph files in the browser: reading a picked or dropped .json (clear errors for non-JSON), and downloads.
import { type ApiIssue, GRAPH_LIMITS } from '@baton/contracts';

export type ReadGraphFileResult = { ok: true; document: unknown } | { ok: false; message: string; issues: ApiIssue[] };

/** Reads a file as JSON. Catches what the server would refuse anyway (not JSON, too big) before uploading it. */
export async function readGraphFile(file: Blob & { name?: string }): Promise<ReadGraphFileResult> {
  const label = file.name ? `“${file.name}”` : 'This file';
  if (file.size > GRAPH_LIMITS.bytes) {
    const mb = (GRAPH_LIMITS.bytes / 1024 / 1024).toFixed(0);
    return fail(`${label} is ${(file.size / 1024 / 1024).toFixed(1)} MB; a graph file can be at most ${mb} MB.`);
  }
  const text = await file.text();
  if (text.trim() === '') return fail(`${label} is empty.`);
  try {
    return { ok: true, document: JSON.parse(text) };
  } catch (error) {
    const detail = error instanceof SyntaxError ? ` (${error.message})` : '';
    return fail(`${label} is not JSON${detail}. A Baton graph is a .json file exported from Baton.`);
  }
}

function fail(message: string): ReadGraphFileResult {
  return { ok: false, message, issues: [{ path: '$', message }] };
}

/** The picked or dropped files that look like graph files (by type or extension). */
export function graphFilesOf(list: FileList | null | undefined): File[] {
  if (!list) return [];
  return Array.from(list).filter((file) => file.type === 'application/json' || /\.json$/i.test(file.name));
}

/** True while a drag carries files, so drop zones only light up for files (not for canvas drags). */
export function dragHasFiles(event: { dataTransfer: DataTransfer | null }): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/** `Research & write!` -> `research-write`: a file name that works on every system. */
export function fileSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug || 'graph';
}

/** Saves a blob through a temporary link: the browser's own download, no server round trip. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
