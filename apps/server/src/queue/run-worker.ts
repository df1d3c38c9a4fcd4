// A BullMQ worker that executes runs with the same executor as the single process. The job only says which run; the
// store's lease decides who executes it (RunExecutor.executeQueued), so a job delivered twice (stalled while its
// worker was alive, n8n's bug) waits for the holder or finds the run over, and writes nothing. A sweep replaces the
// job of any unfinished run nobody holds, which is how a job BullMQ gave up on (maxStalledCount) is resumed.
import { type Job, Worker } from 'bullmq';
import type { Logger } from '../logger';
import type { RunExecutor } from '../runs/run-executor';
import type { RunClaims } from '../store/types';
import { RUN_QUEUE_NAME, type RunJobData, RunQueue } from './run-queue';
import { startBeacon } from './worker-beacon';

export interface RunWorkerOptions {
  queueUrl: string;
  executor: RunExecutor;
  claims: RunClaims;
  logger: Logger;
  /** Runs at once in this process. */
  concurrency: number;
  /** The store's lease; BullMQ's job lock and stall check follow it, and so do the sweep and the heartbeat. */
  leaseMs: number;
  /** Times a stalled job goes back to wait before BullMQ fails it (the sweep resumes it then). */
  maxStalledCount?: number;
  clock?: () => number;
}

export interface RunWorker {
  /** The runs this worker executes now. */
  activeRunIds(): string[];
  /** Looks for unfinished runs nobody holds and hands each out again; resolves with how many it handed out. */
  sweep(): Promise<number>;
  /** Stops taking jobs, lets calls in flight finish (at most `graceMs`), gives the runs back to the queue. */
  close(graceMs: number): Promise<void>;
}

export async function startRunWorker(options: RunWorkerOptions): Promise<RunWorker> {
  const { executor, claims, logger, leaseMs } = options;
  const clock = options.clock ?? Date.now;
  const queue = new RunQueue(options.queueUrl, 'worker');
  const worker = new Worker<RunJobData>(
    RUN_QUEUE_NAME,
    async (job: Job<RunJobData>) => {
      const outcome = await executor.executeQueued(job.data.runId);
      // Failing the job frees its id: the run is handed out again at once (close) or by the next sweep.
      if (outcome === 'stopping') throw new Error('The worker stopped; the run goes back to the queue.');
      return outcome;
    },
    {
      connection: queue.redis.duplicate(),
      concurrency: options.concurrency,
      lockDuration: leaseMs,
      stalledInterval: leaseMs,
      maxStalledCount: options.maxStalledCount ?? 1,
      autorun: false,
    },
  );
  worker.on('error', (error) => logger.error('the queue worker failed', error));
  worker.on('failed', (job, error) => {
    if (!job) return;
    logger.warn(`job of run ${job.data.runId} failed (${error.message}); the sweep hands the run out again`);
    void sweep();
  });

  let sweeping: Promise<number> | null = null;
  const sweep = (): Promise<number> => {
    sweeping ??= (async () => {
      let handed = 0;
      try {
        const now = clock();
        for (const run of await claims.unfinished()) {
          if (run.owner !== null && (run.leaseUntil ?? 0) >= now) continue;
          if (await queue.ensure(run.runId)) handed += 1;
        }
        if (handed > 0) logger.info(`handed ${handed} unfinished run(s) nobody held back to the queue`);
      } catch (error) {
        logger.error('sweeping for unfinished runs failed', error);
      }
      return handed;
    })().finally(() => {
      sweeping = null;
    });
    return sweeping;
  };

  await executor.start();
  void worker.run();
  await worker.waitUntilReady();
  const beacon = startBeacon(
    queue.redis,
    executor.owner,
    Math.max(500, Math.min(5_000, Math.floor(leaseMs / 2))),
    () => executor.activeRunIds().length,
  );
  await sweep();
  const timer = setInterval(() => void sweep(), leaseMs);
  timer.unref?.();

  return {
    activeRunIds: () => executor.activeRunIds(),
    sweep,
    async close(graceMs) {
      clearInterval(timer);
      const letGo = executor.activeRunIds();
      const closing = worker.close();
      await executor.shutdown(graceMs);
      await closing.catch((error) => logger.error('closing the queue worker failed', error));
      await sweeping;
      // The runs this worker let go are handed out again now, not at the next sweep of another worker.
      for (const runId of letGo) await queue.ensure(runId).catch(() => {});
      await beacon.stop();
      await queue.close();
    },
  };
}
