// The cost of a run, or of one action with everything under it, as it grows: re-priced when the tree changes.
import { useMemo } from 'react';
import { usePrices } from './api';
import { type CostText, costText } from './cost';
import type { RunViewStore } from './run-view-store';
import { useRunSummary, useTreeVersion } from './view-hooks';

/** `actionId` null: the whole run. */
export function useCost(store: RunViewStore, actionId: string | null): CostText | null {
  const prices = usePrices().data;
  const simulated = useRunSummary(store).provider?.simulated ?? null;
  const version = useTreeVersion(store);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the tree version is what says the calls changed.
  return useMemo(
    // Walking the tree is only worth it when there is something to price: not for simulated runs, nor before the
    // prices have arrived (a long simulated run re-renders its totals many times a second).
    () =>
      simulated || !prices
        ? costText([], prices, simulated)
        : costText(store.modelCallsUnder(actionId), prices, simulated),
    [store, actionId, prices, simulated, version],
  );
}
