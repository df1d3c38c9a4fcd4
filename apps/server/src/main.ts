// Entry point: reads the environment, opens the database, resumes the runs a previous process left unfinished (or,
// with BATON_QUEUE_URL, leaves every run to the workers), seeds the examples, serves the API and the web app on
// HOST:PORT, and stops gracefully on SIGINT/SIGTERM.
import { readFileSync } from 'node:fs';
import * as engine from '@baton/engine';
import { createToolCatalog } from '@baton/tools';
import { serve } from '@hono/node-server';
import { compose } from './compose';
import { configuredSecrets, isLoopbackHost, readConfig } from './config';
import { createLogger } from './logger';
import { allowedHostnames, createProvider } from './provider';
import { RunQueue } from './queue/run-queue';
import { seedExamples } from './seed';
import { openPgStores } from './store/open-stores';

async function main(): Promise<void> {
  const config = readConfig();
  const secrets = configuredSecrets(config);
  const logger = createLogger({ secrets });
  const loopback = isLoopbackHost(config.host);
  if (!loopback && config.token === null) {
    logger.error(`refusing to listen on ${config.host} without BATON_TOKEN: anyone who can reach it could run models`);
    process.exit(1);
  }
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  const provider = createProvider(config, engine, logger);
  // Several processes may share one PostgreSQL: its migrations (and the seeding below) run once, under a lock.
  const stores = config.databaseUrl ? await openPgStores(config.databaseUrl) : undefined;
  const server = compose({
    dataDir: config.dataDir,
    stores,
    prices: config.prices,
    engine,
    provider,
    logger,
    token: config.token,
    allowedHostnames: allowedHostnames(config, loopback),
    secrets,
    webDir: config.webDir,
    sourceMaps: config.sourceMaps,
    trustedProxies: config.trustedProxies,
    version,
    otel: config.otel,
    leaseMs: config.leaseMs,
    // With a queue this process only serves HTTP and streams: runs are enqueued, and workers execute them.
    queue: config.queueUrl ? new RunQueue(config.queueUrl, 'producer') : undefined,
    noWorkerAfterMs: config.noWorkerAfterMs,
    tools: createToolCatalog(config.tools, { clientVersion: version }),
  });
  if (config.configFile) {
    const servers = config.tools.mcpServers.map((s) => s.name);
    logger.info(
      `read ${config.configFile}: ${servers.length} MCP server(s)${servers.length ? ` (${servers.join(', ')})` : ''}, http_fetch ${config.tools.httpFetch ? 'on' : 'off'}`,
    );
  }
  if (config.otel) logger.info(`exporting traces to ${new URL(config.otel.tracesUrl).origin} over OTLP/HTTP`);
  if (config.queueUrl) {
    logger.info('runs are enqueued for workers (BATON_QUEUE_URL); this process executes none');
  } else {
    const resumed = await server.runExecutor.start();
    if (resumed.length > 0) logger.info(`resuming ${resumed.length} unfinished run(s)`);
  }
  const seeded = await server.stores.once(() => seedExamples(server.graphs, config.examplesDir, logger));
  if (seeded.length > 0) logger.info(`added ${seeded.length} example graphs`);

  const http = serve({ fetch: server.app.fetch, hostname: config.host, port: config.port }, (info) => {
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    const model = provider.info.simulated ? 'simulated models' : `models at ${provider.info.baseUrlHost ?? 'OpenAI'}`;
    process.stdout.write(
      `Baton is running at http://${host}:${info.port} (${model}, data in ${config.databaseUrl ? 'PostgreSQL' : config.dataDir})\n`,
    );
  });
  http.on('error', (error) => {
    logger.error('the HTTP server failed', error);
    process.exit(1);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping; model calls in flight get ${config.shutdownGraceMs} ms to finish`);
    http.close();
    (http as { closeAllConnections?: () => void }).closeAllConnections?.();
    await server.close(config.shutdownGraceMs);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Baton could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
