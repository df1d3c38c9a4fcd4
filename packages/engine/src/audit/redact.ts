// Redaction after the fact, the documented way: the event's values at some paths are replaced, and a sealed
// `event.redacted` event is appended that names it, the paths and the digest of its redacted content.
import { BatonError, formatJsonPath, type JsonPath, RunEvent } from '@baton/contracts';
import { REDACTED_TEXT } from './scrub';
import { digestOf, sealEvent } from './seal';

export interface RedactionRequest {
  /** The seq of the event to redact. */
  seq: number;
  /** JSON paths into the event of the values to replace; by default every content field (`contentPaths`). */
  paths?: readonly JsonPath[];
  /** Why, in a person's words; kept in the redaction event. */
  reason?: string;
  /** When the redaction is made (epoch ms): the redaction event's `at`. */
  at: number;
}

export interface Redaction {
  /** The target event as it is to be stored from now on: values replaced, marked `redacted`, digest and chain kept. */
  redacted: RunEvent;
  /** The sealed redaction event, to append after the log's last event in the same transaction. */
  redaction: RunEvent;
}

/** A redaction that cannot be made as asked: no such event, a path that is not there or that may not change. */
export class RedactionError extends BatonError {
  constructor(message: string) {
    super('invalid_redaction', message);
  }
}

/** Envelope and identity fields: what the log's order and the trace's tree stand on, never redacted. */
const FIXED_FIELDS: ReadonlySet<string> = new Set([
  'v',
  'type',
  'runId',
  'seq',
  'at',
  'digest',
  'chain',
  'redacted',
  'actionId',
  'parentActionId',
  'stepKey',
]);

/**
 * Redacts one event of a run's log (in `seq` order, as stored). The caller stores `redacted` in place of the event
 * and appends `redaction`; `verifyRunLog` then accepts the log, and would reject any other change to the event.
 */
export function redactRunLog(log: readonly RunEvent[], request: RedactionRequest): Redaction {
  const target = log[request.seq - 1];
  if (!target || target.seq !== request.seq) throw new RedactionError(`The run has no event ${request.seq}.`);
  if (target.type === 'event.redacted')
    throw new RedactionError(`Event ${request.seq} is a redaction; it holds no content.`);
  const last = log[log.length - 1]!;
  const paths = request.paths ?? contentPaths(target);
  if (paths.length === 0) throw new RedactionError(`Event ${request.seq} has no content to redact.`);
  const copy = structuredClone(target) as unknown as Record<string, unknown>;
  for (const path of paths) replaceAt(copy, path, request.seq);
  copy.redacted = true;
  // A replaced count or id would make an event no reader accepts: what stays must still be a valid event.
  const valid = RunEvent.safeParse(copy);
  if (!valid.success) {
    const issue = valid.error.issues[0]!;
    throw new RedactionError(
      `Event ${request.seq}: redacting ${formatJsonPath(issue.path as JsonPath)} would leave an invalid event (${issue.message}).`,
    );
  }
  const redacted = copy as unknown as RunEvent;
  const redaction = sealEvent(
    {
      type: 'event.redacted',
      targetSeq: request.seq,
      paths: paths.map((path) => [...path]),
      redactedDigest: digestOf(redacted),
      ...(request.reason ? { reason: request.reason } : {}),
    },
    { runId: last.runId, seq: last.seq + 1, at: request.at, previousChain: last.chain },
  );
  return { redacted, redaction };
}

/** The paths of an event's content: its texts, payloads, messages and error message. */
export function contentPaths(event: RunEvent): JsonPath[] {
  const fields = event as unknown as Record<string, unknown>;
  const paths: JsonPath[] = [];
  for (const field of ['goal', 'text', 'summary', 'note', 'input', 'output', 'result', 'payload']) {
    if (fields[field] !== undefined) paths.push([field]);
  }
  if (Array.isArray(fields.messages)) {
    for (let i = 0; i < fields.messages.length; i++) paths.push(['messages', i, 'content']);
  }
  if (fields.error && typeof fields.error === 'object') paths.push(['error', 'message']);
  return paths;
}

function replaceAt(root: Record<string, unknown>, path: JsonPath, seq: number): void {
  const where = formatJsonPath(path);
  if (path.length === 0)
    throw new RedactionError(`Event ${seq}: the whole event cannot be redacted, only values in it.`);
  if (FIXED_FIELDS.has(String(path[0]))) {
    throw new RedactionError(`Event ${seq}: ${where} identifies the event in the log and cannot be redacted.`);
  }
  let parent: unknown = root;
  for (let i = 0; i < path.length - 1; i++) parent = child(parent, path[i]!);
  const key = path[path.length - 1]!;
  if (child(parent, key) === undefined) throw new RedactionError(`Event ${seq} has nothing at ${where}.`);
  (parent as Record<string | number, unknown>)[key] = REDACTED_TEXT;
}

function child(value: unknown, key: string | number): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) return typeof key === 'number' ? value[key] : undefined;
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key as string] : undefined;
}
