// The real server's composition with the counting tool source (test/counting-tools.ts), for tests that kill the
// process during a tool call. main.ts has no test hooks, so this entry builds the same parts from the same config:
// BATON_TOOL_COUNTER_URL is where the tool's calls are counted.

import * as engine from '@baton/engine';
import { createToolCatalog, NO_TOOLS_CONFIG } from '@baton/tools';
import { serve } from '@hono/node-server';
import { compose } from '../src/compose';
import { configuredSecrets, readConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { allowedHostnames, createProvider } from '../src/provider';
import { countingToolSource } from './counting-tools';

const counterUrl = process.env.BATON_TOOL_COUNTER_URL;
if (!counterUrl) throw new Error('BATON_TOOL_COUNTER_URL is not set');
const config = readConfig();
const secrets = configuredSecrets(config);
const logger = createLogger({ secrets });
const provider = createProvider(config, engine, logger);
const server = compose({
  dataDir: config.dataDir,
  engine,
  provider,
  logger,
  token: config.token,
  allowedHostnames: allowedHostnames(config, true),
  secrets,
  webDir: null,
  version: '0.1.0-test',
  tools: createToolCatalog(NO_TOOLS_CONFIG, { inProcessSources: [countingToolSource(counterUrl)] }),
});
await server.runExecutor.start();
serve({ fetch: server.app.fetch, hostname: config.host, port: config.port }, (info) => {
  process.stdout.write(`Baton is running at http://${info.address}:${info.port} (tool test server)\n`);
});
