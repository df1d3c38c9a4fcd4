// Trace context out for tool calls: each call carries a W3C `traceparent` naming its own `execute_tool` span (derived
// from the run and the call's action id, as the exporter derives it), so an MCP server that traces joins the run's
// trace. The MCP source sends it as an HTTP header and in the request's `_meta` (stdio has no headers).
import type { ToolSource } from '@baton/engine';
import { actionSpanIdOf, traceIdOf } from './trace-ids';
import { formatTraceParent, type TraceParent } from './traceparent';

export function withToolTraceContext(source: ToolSource, runId: string, caller: TraceParent | null): ToolSource {
  const traceId = caller?.traceId ?? traceIdOf(runId);
  return {
    name: source.name,
    list: () => source.list(),
    call(tool, args, options) {
      if (!options.actionId) return source.call(tool, args, options);
      const traceparent = formatTraceParent({ traceId, spanId: actionSpanIdOf(runId, options.actionId), flags: '01' });
      return source.call(tool, args, { ...options, headers: { ...options.headers, traceparent } });
    },
  };
}
