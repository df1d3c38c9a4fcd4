// Autosave of a graph's draft: debounced after document changes, one save in flight at a time, conflicts kept
// safe (a stale draft stops autosaving and loses nothing), and a flush for when the page goes away.
import type { GraphDocument, GraphRecord, UpdateDraftBody } from '@baton/contracts';
import { ApiError, errorMessage } from '../api/client';

export type SaveStatus = 'saved' | 'saving' | 'unsaved' | 'failed' | 'conflict';

export interface AutosaveState {
  status: SaveStatus;
  /** Why the last save failed, for people. */
  error: string | null;
  /** The draftRevision the next save is based on. */
  baseRevision: number;
  /** When the draft was last saved (ms since epoch), from the server's record. */
  savedAt: number | null;
}

/** What autosave needs from the open document: D1's document store fits through a small adapter. */
export interface AutosaveSource {
  changeCount(): number;
  subscribe(listener: () => void): () => void;
  toDocument(): GraphDocument;
}

export interface AutosaveOptions {
  source: AutosaveSource;
  baseRevision: number;
  savedAt?: number | null;
  save(body: UpdateDraftBody, options: { keepalive: boolean }): Promise<GraphRecord>;
  /** Called with every record the server returns, so caches can follow. */
  onSaved?(record: GraphRecord): void;
  delayMs?: number;
  /** How long to wait before trying a failed save again (network blips). */
  retryMs?: number;
}

/** Fetch's keepalive refuses bodies over 64 KiB; bigger drafts flush with a normal request. */
const KEEPALIVE_LIMIT = 60 * 1024;

export interface Autosave {
  getState(): AutosaveState;
  subscribe(listener: () => void): () => void;
  /** Saves now if anything is unsaved (page hide, leaving the editor, Ctrl+S). */
  flush(options?: { keepalive?: boolean }): Promise<void>;
  /** After a conflict or on demand: base the next save on this server record, e.g. after loading theirs. */
  adopt(record: GraphRecord): void;
  /** After a conflict: save the local document over the newer draft whose revision is `latestRevision`. */
  overwrite(latestRevision: number): Promise<void>;
  /** Starts following the document; the returned function stops (a save in flight still completes). */
  start(): () => void;
}

export function createAutosave(options: AutosaveOptions): Autosave {
  const { source, delayMs = 800, retryMs = 5000 } = options;
  let state: AutosaveState = {
    status: 'saved',
    error: null,
    baseRevision: options.baseRevision,
    savedAt: options.savedAt ?? null,
  };
  let savedChangeCount = source.changeCount();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | null = null;
  const listeners = new Set<() => void>();

  function set(patch: Partial<AutosaveState>): void {
    state = { ...state, ...patch };
    for (const listener of listeners) listener();
  }

  const dirty = (): boolean => source.changeCount() !== savedChangeCount;

  function schedule(ms: number): void {
    clearTimeout(timer);
    timer = setTimeout(() => void run({ keepalive: false }), ms);
  }

  function onChange(): void {
    if (state.status === 'conflict') return;
    if (!dirty()) return;
    if (state.status !== 'saving') set({ status: 'unsaved' });
    schedule(delayMs);
  }

  async function run(runOptions: { keepalive: boolean }): Promise<void> {
    clearTimeout(timer);
    if (inFlight) {
      // One save at a time: wait for it, then save whatever changed meanwhile.
      await inFlight;
      if (dirty() && state.status !== 'conflict') return run(runOptions);
      return;
    }
    if (!dirty() || state.status === 'conflict') return;
    inFlight = saveOnce(runOptions).finally(() => {
      inFlight = null;
    });
    await inFlight;
  }

  async function saveOnce({ keepalive }: { keepalive: boolean }): Promise<void> {
    const count = source.changeCount();
    const document = source.toDocument();
    const body: UpdateDraftBody = { document, baseRevision: state.baseRevision };
    set({ status: 'saving', error: null });
    try {
      const useKeepalive = keepalive && JSON.stringify(body).length < KEEPALIVE_LIMIT;
      const record = await options.save(body, { keepalive: useKeepalive });
      savedChangeCount = count;
      set({ baseRevision: record.draftRevision, savedAt: record.updatedAt });
      options.onSaved?.(record);
      if (dirty()) {
        set({ status: 'unsaved' });
        schedule(delayMs);
      } else {
        set({ status: 'saved' });
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        set({
          status: 'conflict',
          error: 'This graph was changed somewhere else (another tab or person) since you opened it.',
        });
        return;
      }
      set({ status: 'failed', error: errorMessage(error) });
      // 4xx other than a conflict will fail the same way again until the document changes; 5xx and network may not.
      if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500) schedule(retryMs);
    }
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush: (flushOptions = {}) => run({ keepalive: flushOptions.keepalive ?? false }),
    adopt(record) {
      clearTimeout(timer);
      savedChangeCount = source.changeCount();
      set({ status: 'saved', error: null, baseRevision: record.draftRevision, savedAt: record.updatedAt });
    },
    async overwrite(latestRevision) {
      clearTimeout(timer);
      set({ status: 'unsaved', error: null, baseRevision: latestRevision });
      // Force a save even when nothing changed since the failed attempt.
      savedChangeCount = Number.NaN;
      await run({ keepalive: false });
    },
    start() {
      // Edits made while stopped count as unsaved from here on.
      const unsubscribe = source.subscribe(onChange);
      onChange();
      return () => {
        unsubscribe();
        clearTimeout(timer);
      };
    },
  };
}
