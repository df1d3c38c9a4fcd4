import { describe, expect, it } from 'vitest';
import { PriceTable, priceCalls, priceOf, spendCalls } from './pricing';

const table: PriceTable = { 'gpt-4.1-mini': { input: 0.4, output: 1.6 }, 'gpt-4.1': { input: 2, output: 8 } };

describe('pricing', () => {
  it('prices a call per million input and output tokens', () => {
    expect(priceOf({ model: 'gpt-4.1', usage: { inputTokens: 1_000_000, outputTokens: 500_000 } }, table)).toBe(6);
    expect(priceOf({ model: 'gpt-4.1-mini', usage: { inputTokens: 1000, outputTokens: 250 } }, table)).toBeCloseTo(
      0.0008,
      12,
    );
  });

  it('has no price for a model not in the table, even one named like an Object property', () => {
    expect(priceOf({ model: 'llama3', usage: { inputTokens: 10, outputTokens: 10 } }, table)).toBeNull();
    expect(priceOf({ model: 'constructor', usage: { inputTokens: 10, outputTokens: 10 } }, table)).toBeNull();
  });

  it('sums priced calls and names the models without a price', () => {
    const cost = priceCalls(
      [
        { model: 'gpt-4.1', usage: { inputTokens: 1_000_000, outputTokens: 0 } },
        { model: 'llama3', usage: { inputTokens: 5, outputTokens: 5 } },
        { model: 'gpt-4.1-mini', usage: { inputTokens: 0, outputTokens: 1_000_000 } },
        { model: 'llama3', usage: { inputTokens: 5, outputTokens: 5 } },
      ],
      table,
    );
    expect(cost).toEqual({ usd: 3.6, pricedCalls: 2, unpricedModels: ['llama3'] });
  });

  it('prices a run from its tokens per model', () => {
    const spend = {
      simulated: false,
      byModel: { 'gpt-4.1': { inputTokens: 500_000, outputTokens: 0, totalTokens: 500_000 } },
    };
    expect(priceCalls(spendCalls(spend), table).usd).toBe(1);
  });

  it('refuses negative prices and unknown keys in a table', () => {
    expect(PriceTable.safeParse({ m: { input: -1, output: 1 } }).success).toBe(false);
    expect(PriceTable.safeParse({ m: { input: 1, output: 1, cached: 1 } }).success).toBe(false);
  });
});
