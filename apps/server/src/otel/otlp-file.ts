// A stored run as OTLP JSON Lines: one ExportTraceServiceRequest per line, serialised by the SDK's own JSON serializer
// (the one the OTLP/HTTP exporter sends), so the file and the live export carry the same ids, times and attributes.
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { type OtlpSinkDeps, runSpans } from './otlp-sink';
import { batonResource } from './readable-spans';

export async function otlpJsonLines(
  deps: OtlpSinkDeps,
  runId: string,
  options: { serviceName: string; captureContent: boolean },
): Promise<string> {
  const spans = await runSpans(deps, runId, {
    captureContent: options.captureContent,
    resource: batonResource(options.serviceName),
  });
  if (spans.length === 0) return '';
  // The whole run in one request: a line is one trace, as a backend would have received it live.
  return `${new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans))}\n`;
}
