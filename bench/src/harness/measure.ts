// Times a case inside its child: warm-up runs, then measured runs, with GC between runs and peak memory over all.
import { performance } from 'node:perf_hooks';
import { type MemoryPeak, startMemorySampler } from './memory';

export interface Measured<T> {
  /** Wall time of each measured run, ms. */
  samples: number[];
  memory: MemoryPeak;
  /** What the last measured run returned (cases use it to check the work was really done). */
  last: T;
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export async function measureRuns<T>(options: { warmup: number; runs: number; run: (index: number) => Promise<T> }) {
  for (let i = 0; i < options.warmup; i++) {
    const start = performance.now();
    await options.run(-1 - i);
    // A run of seconds has warmed the JIT by itself: more warm-ups would only make the case longer.
    if (performance.now() - start > 2000) break;
  }
  collectGarbage();
  const sampler = startMemorySampler();
  const samples: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < options.runs; i++) {
    collectGarbage();
    const start = performance.now();
    last = await options.run(i);
    samples.push(performance.now() - start);
  }
  return { samples, memory: sampler.stop(), last: last as T } satisfies Measured<T>;
}
