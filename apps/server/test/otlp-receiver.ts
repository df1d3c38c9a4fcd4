// A stand-in for an OpenTelemetry Collector's OTLP/HTTP receiver, started by the tests on a free port: it decodes
// OTLP/HTTP JSON and checks each request against the OTLP JSON mapping (hex ids, int64 as decimal strings), or
// answers 500, or never answers, as the test asks.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string; doubleValue?: number; boolValue?: boolean; arrayValue?: unknown };
}
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpAttribute[];
  status: { code?: number; message?: string };
}
export interface OtlpRequest {
  resourceSpans: {
    resource: { attributes: OtlpAttribute[] };
    scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[];
  }[];
}

export interface OtlpReceiver {
  url: string;
  requests: { headers: http.IncomingHttpHeaders; body: string; parsed: OtlpRequest }[];
  /** Every span received, in order. */
  spans(): OtlpSpan[];
  /** Problems with the requests against the OTLP JSON mapping. */
  problems: string[];
  close(): Promise<void>;
}

const HEX = (n: number) => new RegExp(`^[0-9a-f]{${n}}$`);
const INT64 = /^\d+$/;

function check(request: OtlpRequest, problems: string[]): void {
  if (!Array.isArray(request.resourceSpans)) problems.push('resourceSpans is not an array');
  for (const rs of request.resourceSpans ?? [])
    for (const ss of rs.scopeSpans ?? [])
      for (const span of ss.spans ?? []) {
        const where = `span ${span.name}`;
        if (!HEX(32).test(span.traceId)) problems.push(`${where}: traceId ${span.traceId} is not 32 hex digits`);
        if (!HEX(16).test(span.spanId)) problems.push(`${where}: spanId ${span.spanId} is not 16 hex digits`);
        if (span.parentSpanId !== undefined && span.parentSpanId !== '' && !HEX(16).test(span.parentSpanId))
          problems.push(`${where}: parentSpanId ${span.parentSpanId} is not 16 hex digits`);
        for (const t of ['startTimeUnixNano', 'endTimeUnixNano'] as const)
          if (typeof span[t] !== 'string' || !INT64.test(span[t]))
            problems.push(`${where}: ${t} is not an int64 string`);
        if (!Number.isInteger(span.kind)) problems.push(`${where}: kind is not an integer`);
        for (const a of span.attributes ?? [])
          if (a.value.intValue !== undefined && !/^-?\d+$/.test(String(a.value.intValue)))
            problems.push(`${where}: ${a.key} intValue is not an int64 string`);
      }
}

export async function startOtlpReceiver(mode: 'ok' | 'fail' | 'hang' = 'ok'): Promise<OtlpReceiver> {
  const requests: OtlpReceiver['requests'] = [];
  const problems: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (mode === 'hang') return;
      if (mode === 'fail') {
        res.writeHead(500).end('down');
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.url !== '/v1/traces') problems.push(`posted to ${req.url}`);
      if (!String(req.headers['content-type']).startsWith('application/json'))
        problems.push(`content-type ${req.headers['content-type']}`);
      const parsed = JSON.parse(body) as OtlpRequest;
      check(parsed, problems);
      requests.push({ headers: req.headers, body, parsed });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    problems,
    spans: () => requests.flatMap((r) => r.parsed.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((s) => s.spans))),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An attribute's value as plain JSON: strings, numbers (int64 strings parsed), booleans, arrays of those. */
export function attributeValue(value: OtlpAttribute['value']): unknown {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  const array = value.arrayValue as { values?: OtlpAttribute['value'][] } | undefined;
  if (array) return (array.values ?? []).map(attributeValue);
  return undefined;
}

export function attributesOf(span: OtlpSpan): Record<string, unknown> {
  return Object.fromEntries(span.attributes.map((a) => [a.key, attributeValue(a.value)]));
}
