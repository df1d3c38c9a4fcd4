// Request guards in front of the API: the Host header (DNS rebinding), a same-origin Origin and JSON on unsafe methods.
import type { Context, MiddlewareHandler } from 'hono';
import { isJsonContentType } from './body';
import { ForbiddenError, UnsupportedMediaTypeError } from './errors';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Accepts only requests addressed to one of our own host names. `null` accepts any host: used when the server
 * is bound beyond loopback (it then needs a token) and no names were configured.
 */
export function hostGuard(allowedHostnames: ReadonlySet<string> | null): MiddlewareHandler {
  return async (c, next) => {
    if (allowedHostnames) {
      const hostname = hostnameOf(requestHost(c));
      if (hostname === null || !allowedHostnames.has(hostname)) {
        throw new ForbiddenError(
          'host_not_allowed',
          'This server answers only requests addressed to its own host name (set BATON_ALLOWED_HOSTS to add one).',
        );
      }
    }
    await next();
  };
}

/** Unsafe methods: a present Origin must be our own, and a body must be JSON (no form posts from other sites). */
export function unsafeMethodGuard(): MiddlewareHandler {
  return async (c, next) => {
    if (UNSAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin !== undefined && !isSameOrigin(origin, requestHost(c))) {
        throw new ForbiddenError('cross_origin', 'Requests from another site are refused.');
      }
      if (c.req.header('sec-fetch-site') === 'cross-site') {
        throw new ForbiddenError('cross_origin', 'Requests from another site are refused.');
      }
      const type = c.req.header('content-type');
      const hasBody =
        Number(c.req.header('content-length') ?? '0') > 0 || c.req.header('transfer-encoding') !== undefined;
      if ((type !== undefined && !isJsonContentType(type)) || (type === undefined && hasBody)) {
        throw new UnsupportedMediaTypeError();
      }
    }
    await next();
  };
}

/** The Host header; on Node the request URL is built from it, and in-process test requests only have the URL. */
function requestHost(c: Context): string | undefined {
  return c.req.header('host') ?? new URL(c.req.url).host;
}

/** `localhost:8787` -> `localhost`, `[::1]:8787` -> `::1`; null for a missing or malformed header. */
export function hostnameOf(host: string | undefined): string | null {
  if (!host) return null;
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i.exec(host.trim());
  if (!match) return null;
  return match[1]!.replace(/^\[|\]$/g, '').toLowerCase();
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    const url = new URL(origin);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && url.host.toLowerCase() === host.trim().toLowerCase()
    );
  } catch {
    return false; // includes the opaque origin "null"
  }
}
