// Entry point of a worker (`npm run worker`): executes the runs API processes enqueue on BATON_QUEUE_URL, with the
// same executor, provider and stores as the single process, and serves no HTTP. On SIGINT/SIGTERM it stops taking
// jobs, lets model calls in flight finish (BATON_SHUTDOWN_GRACE_MS) and hands its runs back to the queue.
import * as engine from '@baton/engine';
import { createToolCatalog } from '@baton/tools';
import { compose } from './compose';
import { configuredSecrets, readConfig } from './config';
import { createLogger } from './logger';
import { createProvider } from './provider';
import { startRunWorker } from './queue/run-worker';
import { openPgStores } from './store/open-stores';

async function main(): Promise<void> {
  const config = readConfig();
  if (!config.queueUrl || !config.databaseUrl) {
    throw new Error(
      'A worker needs BATON_QUEUE_URL (Redis) and BATON_DATABASE_URL (PostgreSQL), the same as the API processes.',
    );
  }
  const secrets = configuredSecrets(config);
  const logger = createLogger({ secrets });
  const provider = createProvider(config, engine, logger);
  const stores = await openPgStores(config.databaseUrl);
  const server = compose({
    dataDir: config.dataDir,
    stores,
    prices: config.prices,
    engine,
    provider,
    logger,
    token: config.token,
    allowedHostnames: null,
    secrets,
    webDir: null,
    version: 'worker',
    otel: config.otel,
    leaseMs: config.leaseMs,
    takeWork: 'queue',
    // The same tool sources as the API processes: the worker is where tool calls run.
    tools: createToolCatalog(config.tools, { clientVersion: 'worker' }),
  });
  const worker = await startRunWorker({
    queueUrl: config.queueUrl,
    executor: server.runExecutor,
    claims: server.claims,
    logger,
    concurrency: config.workerConcurrency,
    leaseMs: config.leaseMs,
  });
  const model = provider.info.simulated ? 'simulated models' : `models at ${provider.info.baseUrlHost ?? 'OpenAI'}`;
  process.stdout.write(
    `Baton worker ${server.runExecutor.owner} is taking runs (${model}, ${config.workerConcurrency} at once, lease ${config.leaseMs} ms)\n`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping; model calls in flight get ${config.shutdownGraceMs} ms to finish`);
    await worker.close(config.shutdownGraceMs);
    await server.close(0);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`The Baton worker could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
