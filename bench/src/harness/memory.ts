// Peak memory of a benchmark child: sampled RSS and the kernel's maxRSS, both in MB.
import { resourceUsage } from 'node:process';

export interface MemoryPeak {
  /** Highest `process.memoryUsage().rss` seen by the sampler. */
  sampledRssMb: number;
  /** `resourceUsage().maxRSS`: the kernel's high-water mark for the whole process. */
  maxRssMb: number;
}

/** Samples RSS every few ms until stopped. The timer is unref'd so it never keeps the process alive. */
export function startMemorySampler(intervalMs = 5): { stop(): MemoryPeak } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return { sampledRssMb: peak / 2 ** 20, maxRssMb: resourceUsage().maxRSS / 1024 };
    },
  };
}
