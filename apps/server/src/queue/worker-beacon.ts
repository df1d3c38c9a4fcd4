// Which workers are alive, as health and the run page need to know: each worker writes when it was last seen into
// one Redis hash beside the queue, every few seconds; anyone reading the hash knows the live ones and the last seen.
import os from 'node:os';
import type { Redis } from 'ioredis';

export const WORKERS_KEY = 'baton:workers';
/** Entries older than this are dropped when read: a worker gone for a day is not "last seen" any more. */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

interface Beat {
  seenAt: number;
  /** The writer's own interval: it counts as live while `seenAt` is younger than three of them. */
  everyMs: number;
  host: string;
  pid: number;
  activeRuns: number;
}

export interface WorkersSeen {
  live: number;
  lastSeenAt: number | null;
}

export function startBeacon(
  redis: Redis,
  workerId: string,
  everyMs: number,
  activeRuns: () => number,
  now: () => number = Date.now,
): { stop(): Promise<void> } {
  const beat = () => {
    const entry: Beat = { seenAt: now(), everyMs, host: os.hostname(), pid: process.pid, activeRuns: activeRuns() };
    redis.hset(WORKERS_KEY, workerId, JSON.stringify(entry)).catch(() => {});
  };
  beat();
  const timer = setInterval(beat, everyMs);
  timer.unref?.();
  return {
    async stop() {
      clearInterval(timer);
      // A worker that stops cleanly is not live any more, and its last beat stays as "last seen".
      const entry: Beat = { seenAt: now(), everyMs: 0, host: os.hostname(), pid: process.pid, activeRuns: 0 };
      await redis.hset(WORKERS_KEY, workerId, JSON.stringify(entry)).catch(() => {});
    },
  };
}

export async function workersSeen(redis: Redis, now: () => number = Date.now): Promise<WorkersSeen> {
  const entries = await redis.hgetall(WORKERS_KEY);
  const at = now();
  let live = 0;
  let lastSeenAt: number | null = null;
  const forgotten: string[] = [];
  for (const [id, raw] of Object.entries(entries)) {
    let beat: Beat;
    try {
      beat = JSON.parse(raw) as Beat;
    } catch {
      forgotten.push(id);
      continue;
    }
    if (at - beat.seenAt > FORGET_AFTER_MS) {
      forgotten.push(id);
      continue;
    }
    if (beat.everyMs > 0 && at - beat.seenAt <= 3 * beat.everyMs) live += 1;
    lastSeenAt = Math.max(lastSeenAt ?? 0, beat.seenAt);
  }
  if (forgotten.length > 0) await redis.hdel(WORKERS_KEY, ...forgotten).catch(() => {});
  return { live, lastSeenAt };
}
