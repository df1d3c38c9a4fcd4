// Routes about the server itself: health, the model provider and its prices, the JSON Schemas of the graph format and the test case, the
// OpenAPI document of the API, and sign-in.
import {
  graphJsonSchema,
  type HealthResponse,
  openApiDocument,
  type PricesResponse,
  SessionBody,
  testCaseJsonSchema,
} from '@baton/contracts';
import { Hono } from 'hono';
import type { AppDeps } from '../deps';
import { signIn, signOut, type TokenAttempts } from '../http/auth';
import { parseBody, readJson } from '../http/body';
import { HttpError } from '../http/errors';

export function metaRoutes(deps: AppDeps, attempts: TokenAttempts): Hono {
  const app = new Hono();

  app.get('/health', async (c) => {
    try {
      await deps.store.ping();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new HttpError(503, 'store_unreachable', `The ${deps.store.kind} database cannot be reached: ${reason}`);
    }
    const body: HealthResponse = {
      ok: true,
      version: deps.version,
      authRequired: deps.token !== null,
      store: deps.store.kind,
    };
    if (deps.queue) {
      const status = await deps.queue.status();
      body.queue = {
        kind: 'bullmq-redis',
        reachable: status.reachable,
        ...(status.error !== undefined ? { error: status.error } : {}),
        liveWorkers: status.workers.live,
        workerLastSeenAt: status.workers.lastSeenAt,
        noWorkerAfterMs: deps.queue.noWorkerAfterMs,
        now: (deps.now ?? Date.now)(),
      };
    }
    return c.json(body);
  });

  app.get('/provider', (c) => c.json(deps.provider));

  // The web app prices model calls itself (trace rows, nodes, totals, history) from this table and the tokens per
  // model: events stay the immutable record of what happened, and a price changed in the config applies everywhere.
  app.get('/prices', (c) => {
    const body: PricesResponse = { currency: 'USD', perTokens: 1_000_000, models: deps.prices };
    return c.json(body);
  });

  app.get('/schema/graph', (c) => c.json(graphJsonSchema()));

  app.get('/schema/testcase', (c) => c.json(testCaseJsonSchema()));

  app.get('/openapi.json', (c) => c.json(openApiDocument(deps.version)));

  app.post('/session', async (c) => {
    const body = parseBody(SessionBody, await readJson(c));
    signIn(c, deps.token, body.token, attempts);
    return c.body(null, 204);
  });

  app.delete('/session', (c) => {
    signOut(c);
    return c.body(null, 204);
  });

  return app;
}
