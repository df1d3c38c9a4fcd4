import { describe, expect, it } from 'vitest';
import { costText, formatUsd } from './cost';

const prices = { 'gpt-4.1-mini': { input: 0.4, output: 1.6 } };
const mini = { model: 'gpt-4.1-mini', usage: { inputTokens: 10_000, outputTokens: 1_000 } };

describe('costText', () => {
  it('prices the calls of priced models', () => {
    expect(costText([mini], prices, false)).toEqual({ text: '$0.0056', title: '$0.0056 for 1 model call' });
  });

  it('says "simulated", never an amount, for simulated calls', () => {
    expect(costText([mini], prices, true)?.text).toBe('simulated');
  });

  it('shows nothing when no model has a price, and marks a partial amount', () => {
    const llama = { model: 'llama3', usage: { inputTokens: 5, outputTokens: 5 } };
    expect(costText([llama], prices, false)).toBeNull();
    expect(costText([], prices, false)).toBeNull();
    expect(costText([mini], undefined, false)).toBeNull();
    const mixed = costText([mini, llama], prices, false);
    expect(mixed?.text).toBe('$0.0056+');
    expect(mixed?.title).toMatch(/not counting the calls of "llama3", which has no price/);
  });
});

describe('formatUsd', () => {
  it('keeps small amounts readable', () => {
    expect([0, 0.00004, 0.00042, 0.042, 1.234].map(formatUsd)).toEqual([
      '$0.00',
      '< $0.0001',
      '$0.0004',
      '$0.042',
      '$1.23',
    ]);
  });
});
