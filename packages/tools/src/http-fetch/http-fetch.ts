// The `http_fetch` built-in: GET (and POST when the configuration allows it) to the allowed hosts only. Every
// address a name resolves to is checked by the address policy before any socket opens; the connection goes to the
// checked address; every redirect is checked the same way; the body is capped after decompression; the whole fetch,
// redirects included, has a time limit.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { JsonValue } from '@baton/contracts';
import type { ToolCallOptions, ToolDescriptor, ToolResult } from '@baton/engine';
import type { HttpFetchConfig } from '../config/tools-config';
import { type AddressPolicy, publicAddressesOnly } from './address-policy';
import { type Connector, type ConnectorResponse, pinnedConnector } from './connector';
import { matchHost } from './host-allowlist';
import { readCapped } from './read-body';

export const HTTP_FETCH_NAME = 'http_fetch';
const MAX_REDIRECTS = 5;

/** Every address a host name resolves to. */
export type Resolver = (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family as 4 | 6,
  }));

export interface HttpFetchDeps {
  resolve?: Resolver;
  policy?: AddressPolicy;
  connect?: Connector;
}

export function httpFetchDescriptor(config: HttpFetchConfig): ToolDescriptor {
  const methods = config.allowPost ? ['GET', 'POST'] : ['GET'];
  return {
    name: HTTP_FETCH_NAME,
    description: `Fetches a URL over HTTP(S) (${methods.join(' or ')}) from the hosts this server allows, and returns the status, the content type and the body as text (at most ${config.maxBytes} bytes).`,
    inputSchema: {
      type: 'object',
      properties: {
        url: { type: 'string', minLength: 1, maxLength: 4_096, description: 'An http or https URL.' },
        method: { type: 'string', enum: methods, description: 'Default GET.' },
        ...(config.allowPost
          ? {
              body: { type: 'string', maxLength: 100_000, description: 'The POST body.' },
              contentType: { type: 'string', maxLength: 200, description: 'The POST body’s type.' },
            }
          : {}),
      },
      required: ['url'],
      additionalProperties: false,
    },
    // A GET only reads; a POST may send, buy or delete.
    sideEffects: config.allowPost,
  };
}

class FetchRefused extends Error {}

export async function runHttpFetch(
  config: HttpFetchConfig,
  args: JsonValue,
  options: ToolCallOptions,
  deps: HttpFetchDeps = {},
): Promise<ToolResult> {
  const input = args as { url: string; method?: 'GET' | 'POST'; body?: string; contentType?: string };
  const resolve = deps.resolve ?? systemResolver;
  const policy = deps.policy ?? publicAddressesOnly;
  const connect = deps.connect ?? pinnedConnector;
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(config.timeoutMs)]);
  let method = input.method ?? 'GET';
  if (method === 'POST' && !config.allowPost) throw new FetchRefused('POST is not allowed by this server.');
  let body = method === 'POST' ? (input.body ?? '') : null;
  let url = parseUrl(input.url);
  try {
    for (let hop = 0; ; hop++) {
      const allowed = matchHost(url, config.allowedHosts);
      if (!allowed) throw new FetchRefused(`The host ${url.host} is not one this server allows.`);
      const target = await checkedAddress(url, resolve, policy);
      const headers: Record<string, string> = {
        'user-agent': 'Baton-http_fetch',
        'accept-encoding': 'gzip, deflate, br',
        ...(body !== null ? { 'content-type': input.contentType ?? 'text/plain; charset=utf-8' } : {}),
        // The entry's credentials, for this host only: a redirect elsewhere matches another entry or none.
        ...allowed.headers,
      };
      const response = await connect({ url, ...target, method, headers, body, signal });
      const location = response.headers.location;
      if (response.status >= 300 && response.status < 400 && location) {
        response.body.destroy();
        if (hop >= MAX_REDIRECTS) throw new FetchRefused(`More than ${MAX_REDIRECTS} redirects.`);
        url = parseUrl(new URL(location, url).href);
        if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
          method = 'GET';
          body = null;
        }
        continue;
      }
      return await result(url, response, config.maxBytes);
    }
  } catch (error) {
    if (options.signal.aborted) throw options.signal.reason;
    if (signal.aborted) throw new Error(`The fetch did not finish within ${config.timeoutMs} ms.`);
    throw error;
  }
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FetchRefused('The URL is not valid.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchRefused('Only http and https URLs.');
  if (url.username || url.password) throw new FetchRefused('A URL with credentials in it is refused.');
  return url;
}

/** The address to connect to: every address of the name must pass the policy (one bad answer refuses them all). */
async function checkedAddress(url: URL, resolve: Resolver, policy: AddressPolicy) {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host);
  const addresses = literal ? [{ address: host, family: literal as 4 | 6 }] : await resolveOrRefuse(host, resolve);
  if (addresses.length === 0) throw new FetchRefused(`The host ${host} has no address.`);
  for (const { address } of addresses) {
    const reason = policy(address);
    if (reason) throw new FetchRefused(`Refused: ${literal ? '' : `${host} resolves to `}${reason}.`);
  }
  return addresses[0]!;
}

async function resolveOrRefuse(host: string, resolve: Resolver) {
  try {
    return await resolve(host);
  } catch {
    throw new FetchRefused(`The host ${host} does not resolve.`);
  }
}

const TEXT_TYPE = /^(text\/|application\/([a-z0-9.+-]*\+)?(json|xml|javascript|x-www-form-urlencoded)\b)/i;

async function result(url: URL, response: ConnectorResponse, maxBytes: number): Promise<ToolResult> {
  const contentType = String(response.headers['content-type'] ?? '');
  const encoding = response.headers['content-encoding'];
  const { bytes, truncated } = await readCapped(
    response.body,
    typeof encoding === 'string' ? encoding : undefined,
    maxBytes,
  );
  const text = contentType === '' || TEXT_TYPE.test(contentType);
  const value: JsonValue = {
    status: response.status,
    url: url.href,
    contentType,
    ...(text ? { body: bytes.toString('utf8') } : {}),
    ...(truncated ? { truncated: `The body was cut at ${maxBytes} bytes.` } : {}),
  };
  return {
    content: [{ type: 'json', value }, ...(text ? [] : [{ type: 'other' as const, mimeType: contentType }])],
    isError: response.status >= 400,
  };
}
