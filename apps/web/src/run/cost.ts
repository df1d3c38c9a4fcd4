// Money for people: a cost of model calls as one short text ("$0.0042", "simulated", nothing when no model has a
// price), from the server's price table (GET /api/prices) and the calls' tokens.
import { type ModelCall, type PriceTable, priceCalls } from '@baton/contracts';

export interface CostText {
  text: string;
  /** The longer explanation, for a tooltip. */
  title: string;
}

export const SIMULATED_COST: CostText = {
  text: 'simulated',
  title: 'The simulated provider costs nothing: no amount is shown for its tokens.',
};

/**
 * The cost of some model calls. Null when there is nothing to price (no calls, or no model with a price): then only
 * tokens show. Models without a price are named, and the amount counts the others only.
 */
export function costText(
  calls: readonly ModelCall[],
  prices: PriceTable | undefined,
  simulated: boolean | null,
): CostText | null {
  if (simulated) return SIMULATED_COST;
  if (!prices || calls.length === 0) return null;
  const cost = priceCalls(calls, prices);
  if (cost.pricedCalls === 0) return null;
  const amount = formatUsd(cost.usd);
  if (cost.unpricedModels.length === 0) {
    return { text: amount, title: `${amount} for ${cost.pricedCalls} model call${cost.pricedCalls === 1 ? '' : 's'}` };
  }
  const names = cost.unpricedModels.map((model) => `"${model}"`).join(', ');
  return {
    text: `${amount}+`,
    title: `${amount}, not counting the calls of ${names}, which ${cost.unpricedModels.length === 1 ? 'has' : 'have'} no price in the server's configuration (BATON_MODEL_PRICES).`,
  };
}

/** Dollars with the precision small amounts need: $1.23, $0.042, $0.0004, < $0.0001. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0.00';
  if (usd < 0.0001) return '< $0.0001';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  if (usd < 1) return `$${usd.toFixed(3)}`;
  return `$${usd.toFixed(2)}`;
}
