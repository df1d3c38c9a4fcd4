// Redis connections for BullMQ (ioredis, the client BullMQ is built and tested with). A worker's connection retries
// forever, as BullMQ requires of blocking connections; an API process's fails at once while Redis is away, so that
// starting a run or asking for health never hangs on the queue.
import { Redis } from 'ioredis';

export type RedisRole = 'worker' | 'producer';

export function openRedis(url: string, role: RedisRole): Redis {
  const redis = new Redis(url, {
    // BullMQ's workers need `null` here; a producer gives up after one try instead of waiting in ioredis's queue.
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    connectTimeout: 5_000,
    // Reconnects with a capped backoff for as long as the process lives.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    lazyConnect: false,
  });
  // A dropped connection is retried by ioredis; the error is what health reports, not a crash of the process.
  redis.on('error', () => {});
  return redis;
}
