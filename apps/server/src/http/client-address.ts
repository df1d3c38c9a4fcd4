// The address a request comes from: the socket's peer, or, from a configured reverse proxy, what it forwarded.
import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** Requests with no socket (in-process `app.request` in tests, without an env) share this address. */
export const UNKNOWN_ADDRESS = 'unknown';

/**
 * The client's address. `X-Forwarded-For` counts only when the socket's peer is one of `trustedProxies`; then
 * the header is read from the right (each proxy appends the address it saw), past the trusted proxies, to the
 * first address none of them is: entries further left were written by the client and prove nothing.
 */
export function clientAddress(c: Context, trustedProxies: ReadonlySet<string>): string {
  const peer = socketAddress(c);
  if (peer === UNKNOWN_ADDRESS || !trustedProxies.has(peer)) return peer;
  const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map((part) => normalise(part.trim()));
  let client = peer;
  for (let i = forwarded.length - 1; i >= 0; i--) {
    const address = forwarded[i]!;
    if (isIP(address) === 0) break; // a malformed entry: nothing to its left can be trusted
    client = address;
    if (!trustedProxies.has(address)) break;
  }
  return client;
}

function socketAddress(c: Context): string {
  try {
    const address = getConnInfo(c).remote.address;
    return address ? normalise(address) : UNKNOWN_ADDRESS;
  } catch {
    return UNKNOWN_ADDRESS; // no Node socket behind this request
  }
}

/** `::ffff:127.0.0.1` (an IPv4 client of a dual-stack socket) -> `127.0.0.1`; lower case. */
function normalise(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4 ? lower.slice(7) : lower;
}
