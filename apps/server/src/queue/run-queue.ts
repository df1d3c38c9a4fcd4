// The queue of runs to execute, on BullMQ over Redis: one job per run, its id the run's id, so that handing the same
// run out twice is one job. The job says only "execute this run"; who owns the run is the store's lease.
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { openRedis, type RedisRole } from './redis';
import { type WorkersSeen, workersSeen } from './worker-beacon';

export const RUN_QUEUE_NAME = 'baton-runs';

export interface RunJobData {
  runId: string;
}

/** A finished job leaves nothing behind: the run's truth is in the store, and the id is free to hand out again. */
const JOB_OPTIONS = { removeOnComplete: true, removeOnFail: true } as const;

export interface QueueStatus {
  reachable: boolean;
  /** Why not, when it is not. */
  error?: string;
  workers: WorkersSeen;
}

export class RunQueue {
  readonly redis: Redis;
  private readonly queue: Queue<RunJobData>;

  constructor(url: string, role: RedisRole) {
    this.redis = openRedis(url, role);
    this.queue = new Queue<RunJobData>(RUN_QUEUE_NAME, { connection: this.redis, defaultJobOptions: JOB_OPTIONS });
    this.queue.on('error', () => {});
  }

  /**
   * Hands the run out; a no-op while a job for it waits or is active. Gives up after `timeoutMs`: BullMQ waits for
   * Redis to be ready, which may be never, and starting a run must not hang on it (the sweep enqueues it later).
   */
  async enqueue(runId: string, timeoutMs = 5_000): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`The queue did not answer within ${timeoutMs} ms.`)), timeoutMs);
    });
    try {
      await Promise.race([this.queue.add('run', { runId }, { jobId: runId }), gaveUp]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Makes sure a job for the run exists: what a sweep calls for an unfinished run that no live process holds. A job
   * BullMQ gave up on (stalled more than `maxStalledCount`, failed) is replaced, so the run is resumed, not failed.
   * True when a job was added.
   */
  async ensure(runId: string): Promise<boolean> {
    const job = await this.queue.getJob(runId);
    if (job) {
      const state = await job.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
      await job.remove().catch(() => {});
    }
    await this.enqueue(runId);
    return true;
  }

  /** Whether Redis answers, and which workers it has seen. Never throws. */
  async status(): Promise<QueueStatus> {
    try {
      await this.redis.ping();
      return { reachable: true, workers: await workersSeen(this.redis) };
    } catch (error) {
      return {
        reachable: false,
        error: error instanceof Error ? error.message : String(error),
        workers: { live: 0, lastSeenAt: null },
      };
    }
  }

  async close(): Promise<void> {
    await this.queue.close().catch(() => {});
    this.redis.disconnect();
  }
}
