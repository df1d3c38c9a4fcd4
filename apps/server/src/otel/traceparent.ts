// The W3C Trace Context `traceparent` header (w3.org/TR/trace-context/#traceparent-header): a caller's trace the run
// joins. An invalid value is ignored, as the recommendation asks of a receiver: the run then starts its own trace.
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

export interface TraceParent {
  traceId: string;
  spanId: string;
  flags: string;
}

export function parseTraceParent(value: string | null | undefined): TraceParent | null {
  const match = TRACEPARENT.exec(value?.trim() ?? '');
  if (!match) return null;
  const [, version, traceId, spanId, flags, rest] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string?,
  ];
  if (version === 'ff') return null;
  // Version 00 has exactly four fields; a later version may add some, which this reader does not know.
  if (version === '00' && rest !== undefined) return null;
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return null;
  return { traceId, spanId, flags };
}

export function formatTraceParent(parent: TraceParent): string {
  return `00-${parent.traceId}-${parent.spanId}-${parent.flags}`;
}
