import type { QueueHealth } from '@baton/contracts';
import { describe, expect, it } from 'vitest';
import { noWorkerFor } from './NoWorkerNotice';

const queue = (over: Partial<QueueHealth> = {}): QueueHealth => ({
  kind: 'bullmq-redis',
  reachable: true,
  liveWorkers: 0,
  workerLastSeenAt: null,
  noWorkerAfterMs: 10_000,
  now: 100_000,
  ...over,
});

describe('noWorkerFor', () => {
  it('says so once a run waited the server’s patience with no live worker, on the server’s clock', () => {
    expect(noWorkerFor(queue(), 90_000)).toBe(true);
    expect(noWorkerFor(queue(), 90_001)).toBe(false);
    expect(noWorkerFor(queue({ liveWorkers: 1 }), 0)).toBe(false);
  });

  it('never speaks where runs do not go to workers', () => {
    expect(noWorkerFor(undefined, 0)).toBe(false);
  });
});
