// A run as OTLP JSON Lines: one ExportTraceServiceRequest per line, serialised by the SDK's own JSON serializer (the
// one the OTLP/HTTP exporter sends), so the file and the live export carry the same ids, times and attributes.
import type { RunEvent } from '@baton/contracts';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { scrubText } from '../secrets';
import { type OtlpSinkDeps, runSpans } from './otlp-sink';
import { batonResource, toReadableSpan } from './readable-spans';
import { spansFromEvents } from './spans-from-events';

export interface OtlpFileOptions {
  serviceName: string;
  captureContent: boolean;
}

/** A stored run (the server's trace menu). */
export async function otlpJsonLines(deps: OtlpSinkDeps, runId: string, options: OtlpFileOptions): Promise<string> {
  const spans = await runSpans(deps, runId, {
    captureContent: options.captureContent,
    resource: batonResource(options.serviceName),
  });
  return serialize(spans);
}

/** A run's events in hand (the command line, which has no store). */
export function otlpJsonLinesOf(
  events: readonly RunEvent[],
  graphName: string,
  options: OtlpFileOptions & {
    secrets: readonly string[];
    /** The caller's trace context the run was started under (`baton run --traceparent`). */
    parent?: { traceId: string; spanId: string };
  },
): string {
  const resource = batonResource(options.serviceName);
  const mapped = spansFromEvents(events, {
    graphName,
    ...(options.parent ? { parent: options.parent } : {}),
    captureContent: options.captureContent,
    scrub: (text) => scrubText(text, options.secrets),
  });
  return serialize(mapped.map((span) => toReadableSpan(span, resource)));
}

// The whole run in one request: a line is one trace, as a backend would have received it live.
function serialize(spans: Parameters<typeof JsonTraceSerializer.serializeRequest>[0]): string {
  if (spans.length === 0) return '';
  return `${new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans))}\n`;
}
