import { describe, expect, it } from 'vitest';
import { prompt } from '../trust/wrap';
import type { ModelRequest } from './provider';
import { createSimulatedProvider } from './simulated-provider';
import { isStrictCompatible } from './strict-schema';

const request = (extra: Partial<ModelRequest> = {}): ModelRequest => ({
  tier: 'fast',
  model: 'sim',
  messages: [{ role: 'user', content: prompt`Goal: review this code for security bugs` }],
  responseFormat: { type: 'text' },
  purpose: { kind: 'specialist' },
  agentName: 'agent',
  signal: new AbortController().signal,
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

  it('answers each purpose plausibly', async () => {
    const provider = createSimulatedProvider({ callDelayMs: 0, tokenDelayMs: 0, confidence: 0.42 });
    const route = await provider.complete(
      request({
        purpose: {
          kind: 'route',
          categories: [
            { name: 'content_writing', description: 'writes articles' },
            { name: 'security_audit', description: 'finds security bugs' },
          ],
        },
      }),
    );
    expect(route.text).toBe('security_audit');
    const plan = await provider.complete(
      request({
        purpose: {
          kind: 'decompose',
          workers: [
            { name: 'a', description: '' },
            { name: 'b', description: '' },
          ],
        },
      }),
    );
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
    expect((await provider.complete(request({ purpose: { kind: 'review', round: 1 } }))).text).toContain(
      'REVISION NEEDED',
    );
    expect((await provider.complete(request({ purpose: { kind: 'review', round: 2 } }))).text).toBe('APPROVED');
    const turn = (round: number) => provider.complete(request({ purpose: { kind: 'mesh_turn', round, peer: 'p' } }));
    expect(JSON.parse((await turn(1)).text).agree).toBe(false);
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
