import { describe, expect, it } from 'vitest';
import {
  CATEGORIES_HEADING,
  meshTurnAsk,
  nameList,
  REVIEW_ASK,
  ROUTE_ASK,
  reviewRound,
  WORKERS_HEADING,
} from '../run/prompts';
import { type EngineText, prompt } from '../trust/wrap';
import type { ModelRequest } from './provider';
import { createSimulatedProvider } from './simulated-provider';
import { isStrictCompatible } from './strict-schema';

const request = (extra: Partial<ModelRequest> = {}): ModelRequest => ({
  tier: 'fast',
  model: 'sim',
  messages: [{ role: 'user', content: prompt`Goal: review this code for security bugs` }],
  responseFormat: { type: 'text' },
  agentName: 'agent',
  signal: new AbortController().signal,
  ...extra,
});

/** A request whose user message is the goal, then the engine's sentences of one kind of call. */
const asking = (ask: EngineText, extra: Partial<ModelRequest> = {}): ModelRequest =>
  request({
    messages: [{ role: 'user', content: prompt`Goal: review this code for security bugs\n\n${ask}` }],
    ...extra,
  });

describe('createSimulatedProvider', () => {
  it('is labelled simulated and deterministic', async () => {
    const provider = createSimulatedProvider({ callDelayMs: 0, tokenDelayMs: 0 });
    expect(provider.info).toMatchObject({ kind: 'simulated', simulated: true, baseUrlHost: null });
    const a = await provider.complete(request());
    const b = await provider.complete(request());
    expect(a.text).toBe(b.text);
    expect(a.model).toContain('simulated');
  });

  it('answers what each request asks, read from its messages', async () => {
    const provider = createSimulatedProvider({ callDelayMs: 0, tokenDelayMs: 0, confidence: 0.42 });
    const categories = nameList([
      { name: 'content_writing', description: 'writes articles' },
      { name: 'security_audit', description: 'finds security bugs' },
    ]);
    const route = await provider.complete(asking(prompt`${CATEGORIES_HEADING}\n${categories}\n\n${ROUTE_ASK}.`));
    expect(route.text).toBe('security_audit');
    const workers = nameList([
      { name: 'a', description: '' },
      { name: 'b', description: '' },
    ]);
    const plan = await provider.complete(asking(prompt`${WORKERS_HEADING}\n${workers}`));
    expect(JSON.parse(plan.text).subtasks.map((s: { assigned_to: string }) => s.assigned_to)).toEqual(['a', 'b']);
    const structured = await provider.complete(
      request({
        responseFormat: {
          type: 'json_schema',
          name: 'x',
          schema: {
            type: 'object',
            properties: {
              confidence: { type: 'number' },
              items: { type: 'array', items: { type: 'string' }, minItems: 2 },
            },
            required: ['confidence', 'items'],
          },
        },
      }),
    );
    expect(JSON.parse(structured.text)).toMatchObject({
      confidence: 0.42,
      items: [expect.any(String), expect.any(String)],
    });
    const review = (round: number) => provider.complete(asking(prompt`${reviewRound(round)}\n${REVIEW_ASK}`));
    expect((await review(1)).text).toContain('REVISION NEEDED');
    expect((await review(2)).text).toBe('APPROVED');
    const turn = (round: number) => provider.complete(asking(meshTurnAsk(round, 3), { agentName: 'p' }));
    expect(JSON.parse((await turn(1)).text)).toMatchObject({
      agree: false,
      message: expect.stringMatching(/^p, round 1/),
    });
    expect(JSON.parse((await turn(2)).text).agree).toBe(true);
  });

  it('streams at its pace and stops on abort', async () => {
    const provider = createSimulatedProvider({ callDelayMs: 0, tokenDelayMs: 5 });
    const controller = new AbortController();
    const deltas: string[] = [];
    const pending = provider.complete(
      request({
        signal: controller.signal,
        onPart: (p) => p.type === 'text-delta' && deltas.push(p.text) === 3 && controller.abort(new Error('stop')),
      }),
    );
    await expect(pending).rejects.toThrow('stop');
    expect(deltas).toHaveLength(3);
  });
});

describe('isStrictCompatible', () => {
  it('accepts closed objects with every property required, and refuses the rest', () => {
    const closed = {
      type: 'object',
      properties: { a: { type: 'string' } },
      required: ['a'],
      additionalProperties: false,
    };
    expect(isStrictCompatible(closed)).toBe(true);
    expect(isStrictCompatible({ ...closed, additionalProperties: undefined })).toBe(false);
    expect(isStrictCompatible({ ...closed, required: [] })).toBe(false);
    expect(isStrictCompatible({ ...closed, properties: { a: { type: 'string', minLength: 1 } } })).toBe(false);
    expect(isStrictCompatible({ type: 'array', items: {} })).toBe(false);
  });
});
