// Builds the Hono app from injected dependencies: guards, the API routes under /api, errors, and the web app.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from './deps';
import { NotFoundError } from './errors';
import { authGuard, type TokenAttempts } from './http/auth';
import { MAX_BODY_BYTES } from './http/body';
import { clientAddress } from './http/client-address';
import { PayloadTooLargeError } from './http/errors';
import { hostGuard, unsafeMethodGuard } from './http/guards';
import { createErrorHandler, errorBody } from './http/on-error';
import { securityHeaders } from './http/security-headers';
import { SignInThrottle } from './http/sign-in-throttle';
import { eventRoutes } from './routes/events';
import { graphRoutes } from './routes/graphs';
import { metaRoutes } from './routes/meta';
import { runRoutes } from './routes/runs';
import { testCaseRoutes } from './routes/testcases';
import { toolRoutes } from './routes/tools';
import { versionRoutes } from './routes/versions';
import { serveWebApp } from './web/static';

/** Routes anyone may call with a token configured: the health check and signing in or out. */
const OPEN_ROUTES = new Set(['GET /api/health', 'POST /api/session', 'DELETE /api/session']);

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.onError(createErrorHandler(deps.logger));
  const trustedProxies = new Set(deps.trustedProxies ?? []);
  const attempts: TokenAttempts = {
    throttle: new SignInThrottle({ now: deps.now ?? Date.now }),
    clientOf: (c) => clientAddress(c, trustedProxies),
  };

  // First, so that every answer has them, refusals of the guards below included.
  app.use('*', securityHeaders());
  app.use('*', hostGuard(deps.allowedHostnames));

  app.use('/api/*', unsafeMethodGuard());
  app.use(
    '/api/*',
    authGuard(deps.token, (c) => OPEN_ROUTES.has(`${c.req.method} ${c.req.path}`), attempts),
  );
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new PayloadTooLargeError(MAX_BODY_BYTES);
      },
    }),
  );
  app.use('/api/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });

  const api = new Hono();
  api.route('/', metaRoutes(deps, attempts));
  api.route('/', graphRoutes(deps));
  api.route('/', versionRoutes(deps));
  api.route('/', runRoutes(deps));
  api.route('/', eventRoutes(deps));
  api.route('/', testCaseRoutes(deps));
  api.route('/', toolRoutes(deps));
  api.all('*', (c) => {
    throw new NotFoundError(`The route ${c.req.method} ${c.req.path}`, 'route_not_found');
  });
  app.route('/api', api);

  serveWebApp(app, deps.webDir, { sourceMaps: deps.sourceMaps ?? false });
  app.notFound((c) => c.json(errorBody('not_found', 'Not found.'), 404));
  return app;
}
