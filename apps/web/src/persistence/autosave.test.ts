// Tests of autosave against an in-memory draft store with the server's revision rule (stale base -> 409).
import type { GraphDocument, GraphRecord, UpdateDraftBody } from '@baton/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { type AutosaveSource, createAutosave } from './autosave';

function doc(name: string): GraphDocument {
  return { format: 'baton.graph', version: 2, id: 'g1', name, description: '', nodes: [], edges: [] };
}

/** The open document: a name that changes, and a change counter like the document store's. */
function fakeSource(): AutosaveSource & { edit(name: string): void } {
  let count = 0;
  let current = doc('start');
  const listeners = new Set<() => void>();
  return {
    changeCount: () => count,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    toDocument: () => current,
    edit(name) {
      current = doc(name);
      count++;
      for (const listener of listeners) listener();
    },
  };
}

/** The server's draft endpoint: a revision that must match, and a record of every accepted body. */
function fakeServer() {
  let revision = 3;
  const accepted: UpdateDraftBody[] = [];
  let failNext: ApiError | null = null;
  let release: (() => void) | null = null;
  let hold = false;
  return {
    accepted,
    get revision() {
      return revision;
    },
    bumpElsewhere() {
      revision++;
    },
    failNextWith(error: ApiError) {
      failNext = error;
    },
    holdNext() {
      hold = true;
    },
    release() {
      release?.();
    },
    async save(body: UpdateDraftBody): Promise<GraphRecord> {
      if (hold) {
        hold = false;
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      }
      if (failNext) {
        const error = failNext;
        failNext = null;
        throw error;
      }
      if (body.baseRevision !== revision) throw new ApiError(409, 'stale_draft', 'stale');
      revision++;
      accepted.push(body);
      return {
        id: 'g1',
        draft: body.document,
        draftRevision: revision,
        createdAt: 1,
        updatedAt: 1000 + revision,
        latestVersion: null,
      };
    },
  };
}

describe('autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('debounces a burst of edits into one save and ends Saved', async () => {
    const source = fakeSource();
    const server = fakeServer();
    const autosave = createAutosave({ source, baseRevision: 3, save: (body) => server.save(body), delayMs: 800 });
    autosave.start();
    source.edit('a');
    source.edit('ab');
    source.edit('abc');
    expect(autosave.getState().status).toBe('unsaved');
    await vi.advanceTimersByTimeAsync(799);
    expect(server.accepted).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.accepted.map((body) => body.document.name)).toEqual(['abc']);
    expect(autosave.getState()).toMatchObject({ status: 'saved', baseRevision: 4, savedAt: 1004 });
  });

  it('saves edits made while a save is in flight right after it, on the new revision', async () => {
    const source = fakeSource();
    const server = fakeServer();
    const autosave = createAutosave({ source, baseRevision: 3, save: (body) => server.save(body), delayMs: 100 });
    autosave.start();
    server.holdNext();
    source.edit('one');
    await vi.advanceTimersByTimeAsync(100);
    expect(autosave.getState().status).toBe('saving');
    source.edit('two');
    server.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(autosave.getState().status).toBe('unsaved');
    await vi.advanceTimersByTimeAsync(100);
    expect(server.accepted.map((body) => [body.document.name, body.baseRevision])).toEqual([
      ['one', 3],
      ['two', 4],
    ]);
    expect(autosave.getState().status).toBe('saved');
  });

  it('stops on a conflict, keeps the local document, and can overwrite with it', async () => {
    const source = fakeSource();
    const server = fakeServer();
    const autosave = createAutosave({ source, baseRevision: 3, save: (body) => server.save(body), delayMs: 50 });
    autosave.start();
    server.bumpElsewhere();
    source.edit('mine');
    await vi.advanceTimersByTimeAsync(50);
    expect(autosave.getState().status).toBe('conflict');
    source.edit('mine, more');
    await vi.advanceTimersByTimeAsync(500);
    expect(server.accepted).toHaveLength(0);
    expect(source.toDocument().name).toBe('mine, more');
    await autosave.overwrite(server.revision);
    expect(server.accepted.map((body) => body.document.name)).toEqual(['mine, more']);
    expect(autosave.getState().status).toBe('saved');
  });

  it('after adopting their draft, saves later edits on their revision', async () => {
    const source = fakeSource();
    const server = fakeServer();
    const autosave = createAutosave({ source, baseRevision: 3, save: (body) => server.save(body), delayMs: 50 });
    autosave.start();
    server.bumpElsewhere();
    source.edit('mine');
    await vi.advanceTimersByTimeAsync(50);
    expect(autosave.getState().status).toBe('conflict');
    autosave.adopt({
      id: 'g1',
      draft: doc('theirs'),
      draftRevision: server.revision,
      createdAt: 1,
      updatedAt: 2,
      latestVersion: null,
    });
    expect(autosave.getState().status).toBe('saved');
    source.edit('after');
    await vi.advanceTimersByTimeAsync(50);
    expect(server.accepted.map((body) => [body.document.name, body.baseRevision])).toEqual([['after', 4]]);
  });

  it('shows a failed save and tries again after a network error', async () => {
    const source = fakeSource();
    const server = fakeServer();
    const autosave = createAutosave({
      source,
      baseRevision: 3,
      save: (body) => server.save(body),
      delayMs: 50,
      retryMs: 1000,
    });
    autosave.start();
    server.failNextWith(new ApiError(0, 'network_error', 'Could not reach the Baton server.'));
    source.edit('x');
    await vi.advanceTimersByTimeAsync(50);
    expect(autosave.getState()).toMatchObject({ status: 'failed', error: 'Could not reach the Baton server.' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(autosave.getState().status).toBe('saved');
    expect(server.accepted).toHaveLength(1);
  });

  it('flush saves at once, with keepalive for a small draft, and does nothing when all is saved', async () => {
    const source = fakeSource();
    const server = fakeServer();
    const calls: boolean[] = [];
    const autosave = createAutosave({
      source,
      baseRevision: 3,
      save: (body, options) => {
        calls.push(options.keepalive);
        return server.save(body);
      },
    });
    autosave.start();
    await autosave.flush({ keepalive: true });
    expect(calls).toEqual([]);
    source.edit('leaving');
    await autosave.flush({ keepalive: true });
    expect(calls).toEqual([true]);
    expect(server.accepted.map((body) => body.document.name)).toEqual(['leaving']);
  });

  it('stops following the document when stopped, and counts edits made meanwhile when started again', async () => {
    const source = fakeSource();
    const server = fakeServer();
    const autosave = createAutosave({ source, baseRevision: 3, save: (body) => server.save(body), delayMs: 50 });
    const stop = autosave.start();
    stop();
    source.edit('while stopped');
    await vi.advanceTimersByTimeAsync(500);
    expect(server.accepted).toHaveLength(0);
    expect(autosave.getState().status).toBe('saved');
    autosave.start();
    expect(autosave.getState().status).toBe('unsaved');
    await vi.advanceTimersByTimeAsync(50);
    expect(server.accepted.map((body) => body.document.name)).toEqual(['while stopped']);
  });
});
