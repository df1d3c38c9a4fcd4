// Opens the HTTP(S) request to an address that was already checked: the socket goes to that address (a `lookup`
// that answers with it), never to a second resolution of the name, so DNS cannot change its answer in between.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';

export interface PinnedRequest {
  url: URL;
  /** The checked address to connect to. */
  address: string;
  family: 4 | 6;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body: string | null;
  signal: AbortSignal;
}

export interface ConnectorResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Readable;
}

export type Connector = (request: PinnedRequest) => Promise<ConnectorResponse>;

export const pinnedConnector: Connector = (pinned) =>
  new Promise((resolve, reject) => {
    const request = (pinned.url.protocol === 'https:' ? httpsRequest : httpRequest)(
      pinned.url,
      {
        method: pinned.method,
        headers: pinned.headers,
        signal: pinned.signal,
        // No pooled sockets: each request connects to the address checked for it.
        agent: false,
        lookup: (_host, options, callback) => {
          if ((options as { all?: boolean }).all) {
            (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
              { address: pinned.address, family: pinned.family },
            ]);
          } else callback(null, pinned.address, pinned.family);
        },
      },
      (response) => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: response }),
    );
    request.on('error', reject);
    request.end(pinned.body ?? undefined);
  });
