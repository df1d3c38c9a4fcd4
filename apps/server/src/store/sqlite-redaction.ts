// Redacts one event of a stored run the documented way (a person removing a pasted secret): the engine's
// `redactRunLog` makes the redacted event and the sealed `event.redacted` that names it; this stores both.
//
// The redaction is appended first, then the event's row is replaced. A crash between the two leaves a log that
// still verifies (an event a redaction names may keep its original content while it is not marked redacted), and
// the redaction can simply be made again.
import { isTerminalRunStatus, type JsonPath, type RunEvent } from '@baton/contracts';
import { type Redaction, redactRunLog } from '@baton/engine';
import type { Db } from '../db/database';
import { ConflictError, NotFoundError } from '../errors';
import type { RunStore } from './types';

export interface StoredRedactionRequest {
  runId: string;
  seq: number;
  /** JSON paths into the event; by default every content field of it. */
  paths?: readonly JsonPath[];
  reason?: string;
}

export type RedactStoredEvent = (request: StoredRedactionRequest) => Promise<Redaction>;

export function createSqliteRedactor(db: Db, runs: RunStore, clock: () => number = Date.now): RedactStoredEvent {
  const replaceEvent = db.prepare('UPDATE run_events SET body = ? WHERE run_id = ? AND seq = ?');
  return async ({ runId, ...request }) => {
    const run = await runs.getRun(runId);
    if (!run) throw new NotFoundError(`The run "${runId}"`, 'run_not_found');
    // A live run's next event would take the seq the redaction needs: redact once it has ended.
    if (!isTerminalRunStatus(run.status)) {
      throw new ConflictError(
        'run_not_ended',
        `The run "${runId}" is still going on; redact its events once it has ended.`,
      );
    }
    const log: RunEvent[] = [];
    for (let after = 0; ; ) {
      const batch = await runs.readEvents(runId, after, 1000);
      if (batch.length === 0) break;
      log.push(...batch);
      after = batch.at(-1)!.seq;
    }
    const redaction = redactRunLog(log, { ...request, at: clock() });
    await runs.appendEvents([redaction.redaction]);
    replaceEvent.run(JSON.stringify(redaction.redacted), runId, request.seq);
    return redaction;
  };
}
