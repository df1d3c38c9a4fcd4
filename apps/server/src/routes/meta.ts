// Routes about the server itself: health, the model provider, the graph format's JSON Schema, and sign-in.
import { graphJsonSchema, type HealthResponse, SessionBody } from '@baton/contracts';
import { Hono } from 'hono';
import type { AppDeps } from '../deps';
import { signIn, signOut, type TokenAttempts } from '../http/auth';
import { parseBody, readJson } from '../http/body';

export function metaRoutes(deps: AppDeps, attempts: TokenAttempts): Hono {
  const app = new Hono();

  app.get('/health', (c) => {
    const body: HealthResponse = { ok: true, version: deps.version, authRequired: deps.token !== null };
    return c.json(body);
  });

  app.get('/provider', (c) => c.json(deps.provider));

  app.get('/schema/graph', (c) => c.json(graphJsonSchema()));

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
