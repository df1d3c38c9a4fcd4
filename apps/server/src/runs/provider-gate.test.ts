import type { EngineText } from '@baton/engine';
import { createScriptedProvider } from '@baton/engine/testing';
import { describe, expect, it } from 'vitest';
import type { ModelProvider } from './engine-port';
import { drainableProvider } from './provider-gate';

const request = (signal: AbortSignal): Parameters<ModelProvider['complete']>[0] =>
  ({
    tier: 'fast',
    model: 'm',
    // The gate never reads messages; only the engine can make prompt text, so a test stands one in.
    messages: [{ role: 'user', content: 'hi' as unknown as EngineText }],
    responseFormat: { type: 'text' },
    agentName: 'a',
    signal,
  }) as const;

describe('drainable provider', () => {
  it('lets the call in flight finish, then sends no new one until its run is aborted', async () => {
    let release: () => void = () => {};
    const inner = createScriptedProvider(
      () =>
        new Promise<string>((resolve) => {
          release = () => resolve('done');
        }),
    );
    const gate = drainableProvider(inner);
    const controller = new AbortController();
    const first = gate.complete(request(controller.signal));
    await new Promise((resolve) => setImmediate(resolve));
    expect(gate.inFlight).toBe(1);
    let drained = false;
    const drain = gate.drain().then(() => {
      drained = true;
    });
    const second = gate.complete(request(controller.signal));
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    release();
    expect((await first).text).toBe('done');
    await drain;
    expect(inner.requests).toHaveLength(1);
    controller.abort(new Error('stopped'));
    await expect(second).rejects.toThrow('stopped');
    expect(inner.requests).toHaveLength(1);
  });
});
