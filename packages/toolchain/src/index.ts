// The machine-facing helpers of the workspace's own commands (tests, benchmarks), in one package both depend on.

export { type ManifestChunk, readManifest, type ScriptSize, scriptSize, type ViteManifest } from './bundle-size';
export {
  CHROMIUM_FLAGS,
  type ChromiumMachine,
  ChromiumNotFoundError,
  findChromium,
  NO_CHROMIUM_MESSAGE,
  thisMachine,
} from './chromium';
export { freePort, waitForPort } from './free-port';
export {
  findPostgresBin,
  locatePostgres,
  NO_POSTGRES_MESSAGE,
  PostgresNotFoundError,
  type PostgresServer,
  startPostgres,
} from './postgres';
export { locateRedis, NO_REDIS_MESSAGE, RedisNotFoundError, type RedisServer, startRedis } from './redis';
