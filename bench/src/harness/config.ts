// Sizes of a full run and of the smoke run (tiny sizes that only check every case still produces numbers).

export interface BenchConfig {
  mode: 'full' | 'smoke';
  warmup: number;
  runs: number;
  engine: { chain: number[]; fanout: number[]; loop: number[]; latencies: number[] };
  sse: { replayEvents: number; liveEvents: number; watchers: number[] };
  canvas: { nodes: number[]; runEvents: number; measureMs: number };
  /** Model calls of the recorded run that the replay suite replays as a test case. */
  replay: { steps: number[] };
  /** Small runs started at once per round, and the worker counts the PostgreSQL + BullMQ cases run with. */
  scale: { runs: number; workers: number[] };
  /** Tool calls per run of the tools suite (full run only), made in rounds of `width` parallel calls. */
  tools: { calls: number[]; width: number };
}

export const FULL: BenchConfig = {
  mode: 'full',
  warmup: 2,
  runs: 5,
  engine: { chain: [10, 100, 1000], fanout: [10, 100, 1000], loop: [10, 100], latencies: [0, 20] },
  sse: { replayEvents: 100_000, liveEvents: 5_000, watchers: [1, 50] },
  canvas: { nodes: [100, 1000, 2000], runEvents: 10_000, measureMs: 3000 },
  replay: { steps: [1000] },
  scale: { runs: 200, workers: [1, 2, 4] },
  tools: { calls: [1000], width: 10 },
};

export const SMOKE: BenchConfig = {
  mode: 'smoke',
  warmup: 0,
  runs: 1,
  engine: { chain: [5], fanout: [5], loop: [2], latencies: [0] },
  sse: { replayEvents: 200, liveEvents: 50, watchers: [1, 2] },
  canvas: { nodes: [20], runEvents: 200, measureMs: 300 },
  replay: { steps: [7] },
  scale: { runs: 5, workers: [1] },
  tools: { calls: [20], width: 10 },
};
