// The hash-chained log: a real run's log verifies; changes, removals, reorderings and cut tails do not.
import { createHash } from 'node:crypto';
import type { RunEvent } from '@baton/contracts';
import { describe, expect, it } from 'vitest';
import { createSimulatedProvider } from '../model/simulated-provider';
import { collectRun, eventsOfType } from '../testing/collect-run';
import { loadExample } from '../testing/example-graphs';
import { inputHash } from './canonical';
import { RedactionError, redactRunLog } from './redact';
import { secretScrubber } from './scrub';
import { digestOf, sealEvent, verifyRunLog } from './seal';

const provider = createSimulatedProvider({ callDelayMs: 0, tokenDelayMs: 0 });

async function realLog(nonce = 'n0nce', ids?: () => string) {
  const { events } = await collectRun({
    graph: loadExample('research-and-write'),
    goal: 'Write about bees',
    provider,
    nonce,
    ...(ids ? { ids } : {}),
  });
  return events;
}

const expected = (events: RunEvent[]) => ({ lastHash: events.at(-1)!.chain, count: events.length });

describe('verifyRunLog', () => {
  it('accepts a real run\u2019s log', async () => {
    const events = await realLog();
    expect(verifyRunLog(events, expected(events))).toEqual({ ok: true });
  });

  it('rejects one event changed', async () => {
    const events = await realLog();
    const target = events.findIndex((e) => e.type === 'action.completed');
    const changed = events.map((e, i) => (i === target ? ({ ...e, output: 'forged' } as RunEvent) : e));
    expect(verifyRunLog(changed, expected(events))).toMatchObject({ ok: false, seq: target + 1 });
  });

  it('rejects one event removed, even with the count adjusted', async () => {
    const events = await realLog();
    const removed = events.filter((_, i) => i !== 5);
    expect(verifyRunLog(removed, expected(events)).ok).toBe(false);
    expect(verifyRunLog(removed, { ...expected(events), count: removed.length })).toMatchObject({ ok: false, seq: 7 });
  });

  it('rejects two events swapped', async () => {
    const events = await realLog();
    const swapped = [...events];
    [swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!];
    expect(verifyRunLog(swapped, expected(events)).ok).toBe(false);
    // Even with their seqs rewritten to look in order, the chain breaks.
    const renumbered = swapped.map((e, i) => ({ ...e, seq: i + 1 }) as RunEvent);
    expect(verifyRunLog(renumbered, expected(events)).ok).toBe(false);
  });

  it('rejects a cut-off tail', async () => {
    const events = await realLog();
    const cut = events.slice(0, -2);
    expect(verifyRunLog(cut, expected(events))).toMatchObject({ ok: false, seq: null });
    expect(verifyRunLog(cut, { ...expected(events), count: cut.length })).toMatchObject({ ok: false, seq: null });
  });

  it('rejects an edited event marked redacted: the mark is no licence', async () => {
    const events = await realLog();
    const target = events.findIndex((e) => e.type === 'action.completed');
    const forged = events.map((e, i) => (i === target ? ({ ...e, output: 'forged', redacted: true } as RunEvent) : e));
    expect(verifyRunLog(forged, expected(events))).toMatchObject({ ok: false, seq: target + 1 });
    // Marked but unchanged is refused too: a redaction is a sealed event, not a flag.
    const marked = events.map((e, i) => (i === target ? ({ ...e, redacted: true } as RunEvent) : e));
    expect(verifyRunLog(marked, expected(events))).toMatchObject({ ok: false, seq: target + 1 });
  });
});

describe('sealEvent with a scrubber', () => {
  const KEY = 'sk-seal-test-0123456789';
  const scrubber = secretScrubber([KEY])!;
  const meta = { runId: 'r1', seq: 1, at: 5, previousChain: null };

  it('scrubs before it seals: the digest is of the stored content, which verifies as it is', () => {
    const event = sealEvent({ type: 'run.interrupted', reason: `the key ${KEY} leaked` }, meta, scrubber);
    expect(JSON.stringify(event)).not.toContain(KEY);
    expect(event).toMatchObject({ reason: 'the key [redacted] leaked' });
    expect(event.redacted).toBeUndefined();
    expect(event.digest).toBe(digestOf(event));
    expect(verifyRunLog([event], { lastHash: event.chain, count: 1 })).toEqual({ ok: true });
  });

  it('seals an event without secrets exactly as without a scrubber', () => {
    const body = { type: 'run.interrupted', reason: 'nothing secret here' } as const;
    expect(sealEvent(body, meta, scrubber)).toEqual(sealEvent(body, meta));
  });
});

describe('redactRunLog', () => {
  const at = 2_000_000_000_000;
  /** The log as a store keeps it after a redaction: the event replaced, the redaction appended. */
  const apply = (events: readonly RunEvent[], redaction: ReturnType<typeof redactRunLog>) => {
    const log = events.map((e) => (e.seq === redaction.redacted.seq ? redaction.redacted : e));
    log.push(redaction.redaction);
    return log;
  };
  const rowOf = (log: readonly RunEvent[]) => ({ lastHash: log.at(-1)!.chain, count: log.length });

  it('redacts an event the documented way: the log verifies, and the content is gone', async () => {
    const events = await realLog();
    const started = events.find((e) => e.type === 'action.started' && e.actionType === 'llm_call')!;
    const result = redactRunLog(events, { seq: started.seq, reason: 'a pasted secret', at });
    expect(JSON.stringify(result.redacted)).not.toContain('Write about bees');
    expect(result.redacted).toMatchObject({ redacted: true, digest: started.digest, chain: started.chain });
    expect(result.redaction).toMatchObject({
      type: 'event.redacted',
      seq: events.length + 1,
      targetSeq: started.seq,
      reason: 'a pasted secret',
    });
    const log = apply(events, result);
    expect(verifyRunLog(log, rowOf(log))).toEqual({ ok: true });
    // The old log's row no longer matches: the redaction is part of the chain.
    expect(verifyRunLog(log, expected(events)).ok).toBe(false);
  });

  it('redacts only the paths asked for', async () => {
    const events = await realLog();
    const started = eventsOfType(events, 'action.started').find((e) => e.messages && e.messages.length > 1)!;
    const result = redactRunLog(events, { seq: started.seq, paths: [['messages', 1, 'content']], at });
    const messages = (result.redacted as typeof started).messages!;
    expect(messages[1]!.content).toBe('[redacted]');
    expect(messages[0]!.content).toBe(started.messages![0]!.content);
    const log = apply(events, result);
    expect(verifyRunLog(log, rowOf(log))).toEqual({ ok: true });
  });

  it('rejects a redacted event changed after its redaction, marked or not', async () => {
    const events = await realLog();
    const completed = events.find((e) => e.type === 'action.completed')!;
    const log = apply(events, redactRunLog(events, { seq: completed.seq, at }));
    const i = completed.seq - 1;
    const edited = log.map((e, j) => (j === i ? ({ ...e, output: 'forged' } as RunEvent) : e));
    expect(verifyRunLog(edited, rowOf(log))).toMatchObject({ ok: false, seq: completed.seq });
    // The original content back in place but still marked: the redaction's digest is what counts now.
    const restored = log.map((e, j) => (j === i ? ({ ...completed, redacted: true } as RunEvent) : e));
    expect(verifyRunLog(restored, rowOf(log))).toMatchObject({ ok: false, seq: completed.seq });
  });

  it('lets a later redaction of the same event replace the first', async () => {
    const events = await realLog();
    const started = eventsOfType(events, 'action.started').find((e) => e.messages && e.messages.length > 1)!;
    const once = apply(events, redactRunLog(events, { seq: started.seq, paths: [['messages', 0, 'content']], at }));
    const twice = apply(once, redactRunLog(once, { seq: started.seq, at: at + 1 }));
    expect(verifyRunLog(twice, rowOf(twice))).toEqual({ ok: true });
  });

  it('refuses what cannot be redacted, with a sentence', async () => {
    const events = await realLog();
    const completed = events.find((e) => e.type === 'action.completed')!;
    const refuse = (request: Parameters<typeof redactRunLog>[1]) => () => redactRunLog(events, request);
    expect(refuse({ seq: events.length + 5, at })).toThrow(/no event/);
    expect(refuse({ seq: completed.seq, paths: [['seq']], at })).toThrow(/identifies the event/);
    expect(refuse({ seq: completed.seq, paths: [['nothing', 'here']], at })).toThrow(/nothing at \$\.nothing\.here/);
    expect(refuse({ seq: completed.seq, paths: [['durationMs']], at })).toThrow(RedactionError);
    const log = apply(events, redactRunLog(events, { seq: completed.seq, at }));
    expect(() => redactRunLog(log, { seq: log.length, at })).toThrow(/is a redaction/);
  });
});

describe('inputHash', () => {
  it('gives the same logical inputs the same hash in two runs with different nonces and ids', async () => {
    let n = 0;
    const one = await realLog('nonce-one');
    const two = await realLog('nonce-two', () => `other-${++n}`);
    const hashes = (events: RunEvent[]) =>
      eventsOfType(events, 'action.started')
        .filter((e) => e.actionType === 'llm_call')
        .map((e) => [e.stepKey, e.inputHash]);
    expect(hashes(one).length).toBeGreaterThan(2);
    expect(hashes(two)).toEqual(hashes(one));
    // ...while the prompts themselves differ (the nonce is in the wrappers).
    const prompts = (events: RunEvent[]) =>
      eventsOfType(events, 'action.started')
        .flatMap((e) => e.messages ?? [])
        .map((m) => m.content)
        .join();
    expect(prompts(one)).not.toEqual(prompts(two));
  });

  it('is independent of key order', () => {
    expect(inputHash({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(inputHash({ b: [1, { d: 3, c: 2 }], a: 1 }));
  });
});

describe('stable hashes', () => {
  // Taken from the logs the first implementation (array-and-join canonical JSON, createHash) sealed: a faster
  // canonicaliser or sealer must keep every digest, chain and inputHash of an equal run byte for byte.
  const golden: Record<string, { count: number; lastChain: string; inputHashes: string }> = {
    'research-and-write': {
      count: 41,
      // The synthesis prompt names subtasks by their place in the plan ("research (subtask 1)"), no longer by the
      // model's id ("t1"): the messages changed, so the chain did; every inputHash is as before. Then the budget of
      // run.started gained maxToolCalls (graph format 2): the chain changed again, every inputHash is as before.
      // Then a model call's action.completed gained its finishReason: the chain again, every inputHash as before.
      lastChain: '5c0cbcfb3e92fff26a4baa48ff6c2cb3374c94e31a70a2511d6968c50d69e1bf',
      inputHashes: '36c87583585deefd605d5436086ba7fa6962463e89d01dcd3dcc803646c2125d',
    },
    'peer-review': {
      count: 37,
      // The revision request names its round ("not approved (revision 1)"), which readers of a request now take from
      // the messages since requests carry no purpose: the messages changed, so the chain did; every inputHash is as
      // before. Then a model call's action.completed gained its finishReason: the chain again, every inputHash as
      // before.
      lastChain: 'a6281c6340f83160fe07d22a964382e81237d6db5f96c6084b8c0a8c9fe5196e',
      inputHashes: '859a0aa1e3b51446c5169216e10c489f985fc42e93e8b7e3f875397de4a772f0',
    },
  };
  for (const [name, expected] of Object.entries(golden) as [
    Parameters<typeof loadExample>[0],
    (typeof golden)[string],
  ][]) {
    it(`seals the ${name} example exactly as before`, async () => {
      const { events } = await collectRun({ graph: loadExample(name), goal: 'Write about bees', provider });
      const hashes = eventsOfType(events, 'action.started').map((e) => `${e.stepKey}=${e.inputHash}`);
      expect({
        count: events.length,
        lastChain: events.at(-1)!.chain,
        inputHashes: createHash('sha256').update(hashes.join('\n')).digest('hex'),
      }).toEqual(expected);
    });
  }
});
