import type { RunEvent } from '@baton/contracts';
import { describe, expect, it } from 'vitest';
import { priorSpend } from './prior-spend';
import { REUSED } from './step-summary';

const usage = { inputTokens: 2, outputTokens: 1, totalTokens: 3 };
const at = (type: string, when: number, extra: Record<string, unknown> = {}) =>
  ({ type, at: when, ...extra }) as unknown as RunEvent;

describe('priorSpend', () => {
  it('counts sent calls and their tokens, and active time without waiting or the gap between attempts', () => {
    const events = [
      at('run.started', 0, { attempt: 1 }),
      at('action.started', 100, { actionType: 'llm_call', messages: [] }),
      at('action.completed', 300, { usage }),
      at('run.waiting', 400),
      // An hour waiting for a person, then the process dies.
      at('escalation.resolved', 3_600_400),
      at('action.started', 3_600_500, { actionType: 'llm_call', messages: [] }),
      // A day later, the next attempt: a reused call (no messages) and a new one.
      at('run.started', 90_000_000, { attempt: 2 }),
      at('action.started', 90_000_010, { actionType: 'llm_call' }),
      at('action.completed', 90_000_020, {}),
      at('action.started', 90_000_050, { actionType: 'llm_call', messages: [] }),
      at('action.completed', 90_000_250, { usage }),
    ];
    expect(priorSpend(events)).toEqual({
      usage: { inputTokens: 4, outputTokens: 2, totalTokens: 6 },
      modelCalls: 3,
      toolCalls: 0,
      activeMs: 400 + 100 + 250,
    });
  });

  it('counts tool calls executed in earlier attempts, not those reused from one before', () => {
    const events = [
      at('run.started', 0, { attempt: 1 }),
      at('action.started', 10, { actionType: 'tool_call' }),
      at('action.started', 20, { actionType: 'tool_call' }),
      at('run.started', 1_000, { attempt: 2 }),
      at('action.started', 1_010, { actionType: 'tool_call', summary: REUSED }),
      at('action.started', 1_020, { actionType: 'tool_call' }),
    ];
    expect(priorSpend(events).toolCalls).toBe(3);
  });
});
