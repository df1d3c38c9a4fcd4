// What model calls cost in money: a price table (USD per 1M input and per 1M output tokens, per model id), the
// tokens a run spent per model, and the one function that turns the two into dollars. The server's configuration
// holds the table; the web app and the command line price with this function, so every figure agrees.
import { z } from 'zod';
import { Usage } from './events';

const perMillion = z
  .number()
  .finite()
  .nonnegative('A price cannot be negative.')
  .max(100_000, 'A price above $100,000 per million tokens is surely a typo.');

/** USD per 1,000,000 tokens. */
export const ModelPrice = z.strictObject({ input: perMillion, output: perMillion });
export type ModelPrice = z.infer<typeof ModelPrice>;

/** Model id -> its price. A model that is not in the table has no known price: its calls show tokens only. */
export const PriceTable = z.record(z.string().min(1).max(200), ModelPrice);
export type PriceTable = z.infer<typeof PriceTable>;

/** GET /api/prices */
export const PricesResponse = z.strictObject({
  currency: z.literal('USD'),
  perTokens: z.literal(1_000_000),
  models: PriceTable,
});
export type PricesResponse = z.infer<typeof PricesResponse>;

/**
 * What a run spent, kept on its row so that a list of runs can be priced without reading their events: tokens per
 * model id, and whether the models were simulated (null until the run starts, and for runs stored before this).
 */
export const RunSpend = z.strictObject({ simulated: z.boolean().nullable(), byModel: z.record(z.string(), Usage) });
export type RunSpend = z.infer<typeof RunSpend>;

export const EMPTY_SPEND: RunSpend = { simulated: null, byModel: {} };

export interface ModelCall {
  model: string;
  usage: Pick<Usage, 'inputTokens' | 'outputTokens'>;
}

export interface Cost {
  /** The dollars of the priced calls. */
  usd: number;
  /** How many calls had a price. */
  pricedCalls: number;
  /** Models of the calls that had none, in first-seen order: their tokens are not in `usd`. */
  unpricedModels: string[];
}

export function priceOf(call: ModelCall, table: PriceTable): number | null {
  const price = Object.hasOwn(table, call.model) ? table[call.model] : undefined;
  if (!price) return null;
  return (call.usage.inputTokens * price.input + call.usage.outputTokens * price.output) / 1_000_000;
}

export function priceCalls(calls: Iterable<ModelCall>, table: PriceTable): Cost {
  let usd = 0;
  let pricedCalls = 0;
  const unpriced: string[] = [];
  for (const call of calls) {
    const amount = priceOf(call, table);
    if (amount === null) {
      if (!unpriced.includes(call.model)) unpriced.push(call.model);
      continue;
    }
    usd += amount;
    pricedCalls++;
  }
  return { usd, pricedCalls, unpricedModels: unpriced };
}

/** The calls of a run's spend, one per model (the tokens of all its calls). */
export function spendCalls(spend: RunSpend): ModelCall[] {
  return Object.entries(spend.byModel).map(([model, usage]) => ({ model, usage }));
}
