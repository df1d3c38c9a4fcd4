// A run with a scrubber: secrets leave no trace in any sealed event, even streamed over many small deltas, and
// the scrubbed log verifies as it is stored.
import type { ProviderInfo, RunEvent } from '@baton/contracts';
import { describe, expect, it } from 'vitest';
import { secretScrubber } from '../audit/scrub';
import { verifyRunLog } from '../audit/seal';
import type { ModelProvider, ModelRequest } from '../model/provider';
import { collectRun, eventsOfType } from '../testing/collect-run';
import { edge, graph, node } from '../testing/graphs';

const KEY = 'sk-stream-canary-5e1f0c3a9b7d';
const scrubber = secretScrubber([KEY])!;

const info: ProviderInfo = {
  kind: 'openai',
  simulated: false,
  baseUrlHost: 'example.test',
  models: { fast: 'f', balanced: 'b', deep: 'd' },
};

/** Streams `text` in 1 to 4 character chunks, yielding to the event loop between some of them. */
function streamingProvider(text: string, options: { seed: number; failAfter?: number }): ModelProvider {
  return {
    version: 2,
    info,
    async complete(request: ModelRequest) {
      let state = options.seed;
      const next = () => {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        return state / 2 ** 31;
      };
      let sent = 0;
      while (sent < text.length) {
        if (options.failAfter !== undefined && sent >= options.failAfter) {
          throw Object.assign(new Error('The stream was cut.'), { retryable: false });
        }
        const size = 1 + Math.floor(next() * 4);
        request.onPart?.({ type: 'text-delta', text: text.slice(sent, sent + size) });
        sent += size;
        if (next() < 0.5) await new Promise((resolve) => setImmediate(resolve));
      }
      return {
        text,
        toolCalls: [],
        finishReason: 'stop',
        model: request.model,
        usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
      };
    },
  };
}

const oneAgent = graph(
  [
    node('input', 'input'),
    node('writer', 'specialist', { instructions: 'Write.', tier: 'balanced' }),
    node('output', 'output'),
  ],
  [edge('input', 'writer'), edge('writer', 'output')],
);

function deltaTexts(events: readonly RunEvent[]): string {
  return eventsOfType(events, 'action.delta')
    .map((e) => e.text)
    .join('');
}

describe('a run with a scrubber', () => {
  const reply = `The key is ${KEY}; once more: ${KEY}. A near miss: sk-stream-canary. Bye sk-st`;

  it('seals no secret, whole or in joined deltas, over many chunkings; the log verifies', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { events, outcome } = await collectRun({
        graph: oneAgent,
        goal: `Use ${KEY} for this`,
        provider: streamingProvider(reply, { seed }),
        scrubber,
      });
      expect(outcome.status).toBe('completed');
      expect(JSON.stringify(events)).not.toContain(KEY);
      // The deltas, joined, are the reply scrubbed as one text: nothing lost, nothing of the key.
      expect(deltaTexts(events), `seed ${seed}`).toBe(scrubber.scrub(reply));
      expect(verifyRunLog(events, { lastHash: events.at(-1)!.chain, count: events.length })).toEqual({ ok: true });
      expect(events.some((e) => e.redacted)).toBe(false);
    }
  });

  it('lets out what it held back before the action fails, still without the key', async () => {
    const cutAt = reply.indexOf(KEY) + 6;
    const { events, outcome } = await collectRun({
      graph: oneAgent,
      goal: 'Go',
      provider: streamingProvider(reply, { seed: 7, failAfter: cutAt }),
      scrubber,
    });
    expect(outcome.status).toBe('failed');
    const failed = eventsOfType(events, 'action.failed').find((e) => e.stepKey !== null)!;
    const lastDelta = eventsOfType(events, 'action.delta').at(-1)!;
    expect(lastDelta.seq).toBeLessThan(failed.seq);
    // What was streamed before the cut comes out whole: the partial key held back is let out, as the plain prefix
    // it turned out to be, before the failure.
    expect(reply.startsWith(deltaTexts(events))).toBe(true);
    expect(deltaTexts(events).length).toBeGreaterThanOrEqual(cutAt);
    expect(JSON.stringify(events)).not.toContain(KEY);
  });

  // (A reply that could begin a secret, like any word starting with "s" here, has its deltas cut differently.)
  it('changes nothing for a run without secrets: the same events as without a scrubber', async () => {
    const run = (withScrubber: boolean) =>
      collectRun({
        graph: oneAgent,
        goal: 'Nothing secret',
        provider: streamingProvider('A plain reply, with no key in it.', { seed: 3 }),
        ...(withScrubber ? { scrubber } : {}),
      });
    const plain = await run(false);
    const scrubbed = await run(true);
    expect(scrubbed.events.at(-1)!.chain).toBe(plain.events.at(-1)!.chain);
  });
});
