// Summaries of measured samples: median, min and max (and percentiles for latencies).

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** The p-th percentile (0..100) of samples, by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, n: sorted.length };
}

/** Applies f to every sample's figure (f must be monotonic increasing for min/max to stay in place). */
export function mapSummary(summary: Summary, f: (value: number) => number): Summary {
  return { median: f(summary.median), min: f(summary.min), max: f(summary.max), n: summary.n };
}
