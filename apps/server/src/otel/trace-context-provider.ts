// Trace context out: each model request carries a W3C `traceparent` naming its own `chat` span (derived from the run
// and the call's action id, as the exporter derives it), so a model gateway or proxy that traces joins the run's trace.
import type { ModelProvider } from '../runs/engine-port';
import { actionSpanIdOf, traceIdOf } from './trace-ids';
import { formatTraceParent, type TraceParent } from './traceparent';

export function withTraceContext(provider: ModelProvider, runId: string, caller: TraceParent | null): ModelProvider {
  const traceId = caller?.traceId ?? traceIdOf(runId);
  return {
    version: provider.version,
    info: provider.info,
    complete(request) {
      if (!request.actionId) return provider.complete(request);
      const traceparent = formatTraceParent({ traceId, spanId: actionSpanIdOf(runId, request.actionId), flags: '01' });
      return provider.complete({ ...request, headers: { ...request.headers, traceparent } });
    },
  };
}
