// BATON_TOKEN: the bearer header or the HttpOnly session cookie the web app gets by signing in with the token.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { UnauthorizedError } from './errors';

export const SESSION_COOKIE = 'baton_session';
const SESSION_MAX_AGE_S = 30 * 24 * 3600;

/** The cookie carries a MAC of the token, never the token itself. */
function sessionValue(token: string): string {
  return createHmac('sha256', token).update('baton-session-v1').digest('base64url');
}

function equalSecrets(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function isAuthorized(c: Context, token: string): boolean {
  const header = c.req.header('authorization');
  if (header?.startsWith('Bearer ') && equalSecrets(header.slice(7).trim(), token)) return true;
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie !== undefined && equalSecrets(cookie, sessionValue(token));
}

/** Guards every /api route but the open ones; does nothing when no token is configured. */
export function authGuard(token: string | null, open: (c: Context) => boolean): MiddlewareHandler {
  return async (c, next) => {
    if (token !== null && !open(c) && !isAuthorized(c, token)) throw new UnauthorizedError();
    await next();
  };
}

/** Sign in: the token given must be the server's; answers with the session cookie. */
export function signIn(c: Context, token: string | null, given: string): boolean {
  if (token === null) return true;
  if (!equalSecrets(given, token)) return false;
  setCookie(c, SESSION_COOKIE, sessionValue(token), {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: SESSION_MAX_AGE_S,
    secure: new URL(c.req.url).protocol === 'https:',
  });
  return true;
}

export function signOut(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}
