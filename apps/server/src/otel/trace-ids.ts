// Trace and span ids derived from the run id and action ids, never drawn at random: a live export, a file export and
// every attempt of a resumed run name the same spans the same way, so a backend merges them instead of duplicating.
import { createHash } from 'node:crypto';

const hex = (text: string, chars: number) => createHash('sha256').update(text).digest('hex').slice(0, chars);

/** W3C trace ids and span ids must not be all zeros; a sha256 prefix is, with odds nobody will meet. */
export function traceIdOf(runId: string): string {
  return hex(`baton.trace\0${runId}`, 32);
}

/** The run's own span: the root of its trace (or the child of the caller's span, with a `traceparent`). */
export function runSpanIdOf(runId: string): string {
  return hex(`baton.run\0${runId}`, 16);
}

export function actionSpanIdOf(runId: string, actionId: string): string {
  return hex(`baton.action\0${runId}\0${actionId}`, 16);
}
