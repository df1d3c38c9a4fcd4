// The append-only, hash-chained run log: seal each event, verify a stored log, redact content without breaking it.
import { RUN_EVENT_VERSION, type RunEvent, type RunEventBody } from '@baton/contracts';
import { canonicalJson, sha256Hex } from './canonical';

export interface SealMeta {
  runId: string;
  seq: number;
  at: number;
  previousChain: string | null;
}

/** Adds the envelope, the digest of the event's own content and the chain over the previous chain hash and it. */
export function sealEvent(body: RunEventBody, meta: SealMeta): RunEvent {
  // Copied key by key: in V8 a spread copy that then gets more keys is slow to make (about 2.6 µs and 2 KB for an
  // ordinary event, against 0.2 µs here) and slower still to read, and every event is read several times.
  const event: Record<string, unknown> = {};
  const source = body as unknown as Record<string, unknown>;
  for (const key of Object.keys(source)) event[key] = source[key];
  event.v = RUN_EVENT_VERSION;
  event.runId = meta.runId;
  event.seq = meta.seq;
  event.at = meta.at;
  // A body never carries digest, chain or redacted (its type leaves them out), so the fresh copy is the content
  // as it is: hash it without another copy, then complete it in place.
  const digest =
    'digest' in event || 'chain' in event || 'redacted' in event ? digestOf(event) : sha256Hex(canonicalJson(event));
  event.digest = digest;
  event.chain = chainOf(meta.previousChain, digest);
  return event as RunEvent;
}

export type VerifyResult = { ok: true } | { ok: false; seq: number | null; reason: string };

/**
 * Checks a stored log against the run row's last chain hash and event count: a changed, removed, reordered or
 * cut-off event shows. A redacted event's digest is taken on trust; the chain over it still has to hold.
 */
export function verifyRunLog(
  events: readonly RunEvent[],
  expected: { lastHash: string | null; count: number },
): VerifyResult {
  if (events.length !== expected.count) {
    return { ok: false, seq: null, reason: `The log has ${events.length} events; the run recorded ${expected.count}.` };
  }
  let previous: string | null = null;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (event.seq !== i + 1) return { ok: false, seq: event.seq, reason: `Event ${i + 1} has seq ${event.seq}.` };
    if (!event.redacted && digestOf(event) !== event.digest) {
      return { ok: false, seq: event.seq, reason: `Event ${event.seq} was changed: its digest does not match.` };
    }
    if (chainOf(previous, event.digest) !== event.chain) {
      return { ok: false, seq: event.seq, reason: `The chain breaks at event ${event.seq}.` };
    }
    previous = event.chain;
  }
  if (previous !== expected.lastHash) {
    return { ok: false, seq: null, reason: 'The last chain hash does not match the one the run recorded.' };
  }
  return { ok: true };
}

const REDACTED = '[redacted]';

/** The event with its content (texts, payloads, messages, goal) replaced; envelope, ids, digest and chain kept. */
export function redactEvent(event: RunEvent): RunEvent {
  const copy: Record<string, unknown> = { ...event, redacted: true };
  for (const field of ['goal', 'text', 'summary', 'note'] as const) {
    if (typeof copy[field] === 'string') copy[field] = REDACTED;
  }
  for (const field of ['input', 'output', 'result', 'payload'] as const) {
    if (copy[field] !== undefined) copy[field] = REDACTED;
  }
  if (Array.isArray(copy.messages)) {
    copy.messages = (copy.messages as { role: string }[]).map((m) => ({ role: m.role, content: REDACTED }));
  }
  if (copy.error && typeof copy.error === 'object') copy.error = { ...(copy.error as object), message: REDACTED };
  return copy as RunEvent;
}

function digestOf(event: object): string {
  const { digest: _d, chain: _c, redacted: _r, ...content } = event as Record<string, unknown>;
  return sha256Hex(canonicalJson(content));
}

function chainOf(previous: string | null, digest: string): string {
  return sha256Hex(`${previous ?? ''}:${digest}`);
}
