// BATON_TOKEN: the bearer header or the HttpOnly session cookie the web app gets by signing in with the token.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { UnauthorizedError } from './errors';
import type { SignInThrottle } from './sign-in-throttle';

/** Where wrong tokens are counted: per client address (see client-address.ts). */
export interface TokenAttempts {
  throttle: SignInThrottle;
  clientOf: (c: Context) => string;
}

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

/**
 * Whether the request carries the token. A bearer header is a guess at the token, so it counts towards the
 * address's slowdown like a sign-in: refused unread while the address waits, and a wrong one makes it wait.
 * The session cookie is a MAC of the token, not guessable, so it is only checked.
 */
export function isAuthorized(c: Context, token: string, attempts: TokenAttempts): boolean {
  const header = c.req.header('authorization');
  if (header?.startsWith('Bearer ')) {
    const address = attempts.clientOf(c);
    attempts.throttle.check(address);
    if (equalSecrets(header.slice(7).trim(), token)) {
      attempts.throttle.succeeded(address);
      return true;
    }
    throw wrongToken(attempts.throttle.failed(address));
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie !== undefined && equalSecrets(cookie, sessionValue(token));
}

/** Guards every /api route but the open ones; does nothing when no token is configured. */
export function authGuard(
  token: string | null,
  open: (c: Context) => boolean,
  attempts: TokenAttempts,
): MiddlewareHandler {
  return async (c, next) => {
    if (token !== null && !open(c) && !isAuthorized(c, token, attempts)) throw new UnauthorizedError();
    await next();
  };
}

/**
 * Sign in: the token given must be the server's; answers with the session cookie. Slowed per address: while the
 * address waits, 429 with Retry-After and the token unread; a wrong token, 401 with the wait it now has.
 */
export function signIn(c: Context, token: string | null, given: string, attempts: TokenAttempts): void {
  if (token === null) return;
  const address = attempts.clientOf(c);
  attempts.throttle.check(address);
  if (!equalSecrets(given, token)) {
    throw wrongToken(attempts.throttle.failed(address));
  }
  attempts.throttle.succeeded(address);
  setCookie(c, SESSION_COOKIE, sessionValue(token), {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: SESSION_MAX_AGE_S,
    secure: new URL(c.req.url).protocol === 'https:',
  });
}

/** 401 for a wrong token; with the wait it caused as Retry-After, when it caused one. */
function wrongToken(waitSeconds: number): UnauthorizedError {
  return new UnauthorizedError(
    'That token is not the server token.',
    waitSeconds > 0 ? { 'Retry-After': String(waitSeconds) } : {},
  );
}

export function signOut(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}
