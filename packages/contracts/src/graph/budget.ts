// Run limits: a runaway loop of agents stops here, with the reason, instead of on the invoice.
import { z } from 'zod';

export const Budget = z.strictObject({
  maxModelCalls: z.number().int().positive().optional(),
  maxTokens: z.number().int().positive().optional(),
  /** Wall time in seconds, not counting time spent waiting for a person. */
  maxWallSeconds: z.number().positive().optional(),
  /** Tool calls across the run (graph format 2). */
  maxToolCalls: z.number().int().positive().optional(),
});
export type Budget = z.infer<typeof Budget>;

/** A budget with every limit set: what a run actually enforces. */
export const ResolvedBudget = z.strictObject({
  maxModelCalls: z.number().int().positive(),
  maxTokens: z.number().int().positive(),
  maxWallSeconds: z.number().positive(),
  /** Always set by `resolveBudget`; optional so that runs recorded before tools (event version 1) still read. */
  maxToolCalls: z.number().int().positive().optional(),
});
export type ResolvedBudget = z.infer<typeof ResolvedBudget>;

export const DEFAULT_BUDGET: ResolvedBudget = {
  maxModelCalls: 200,
  maxTokens: 2_000_000,
  maxWallSeconds: 1800,
  maxToolCalls: 200,
};

/** The run's own limits win over the graph's, which win over the defaults. */
export function resolveBudget(...layers: (Budget | undefined)[]): ResolvedBudget {
  const resolved: ResolvedBudget = { ...DEFAULT_BUDGET };
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.maxModelCalls !== undefined) resolved.maxModelCalls = layer.maxModelCalls;
    if (layer.maxTokens !== undefined) resolved.maxTokens = layer.maxTokens;
    if (layer.maxWallSeconds !== undefined) resolved.maxWallSeconds = layer.maxWallSeconds;
    if (layer.maxToolCalls !== undefined) resolved.maxToolCalls = layer.maxToolCalls;
  }
  return resolved;
}
