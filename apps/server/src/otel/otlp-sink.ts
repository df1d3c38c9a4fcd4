// The OpenTelemetry exporter as an event sink: when a run ends, its whole stored log is mapped to spans and sent over
// OTLP/HTTP with the SDK's exporter. The whole log, not the events of the commit: a resumed run's spans then start
// where they truly started (before the crash), and a retry or a second process sends the same ids again.
//
// A failed export rejects, so the sink queue retries it with backoff; it never touches the run.
import { isTerminalEvent, type RunEvent } from '@baton/contracts';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { OtelConfig } from '../config';
import type { EventSink } from '../runs/event-sinks';
import { readRunLog } from '../runs/run-log';
import { scrubText } from '../secrets';
import type { GraphStore, RunRequests, RunStore } from '../store/types';
import { batonResource, toReadableSpan } from './readable-spans';
import { spansFromEvents } from './spans-from-events';
import { parseTraceParent } from './traceparent';

export interface OtlpSinkDeps {
  runs: RunStore;
  graphs: GraphStore;
  requests: Pick<RunRequests, 'traceParent'>;
  secrets: readonly string[];
}

/** The spans of one stored run, ready for an SDK exporter or serializer. */
export async function runSpans(
  deps: OtlpSinkDeps,
  runId: string,
  options: { captureContent: boolean; resource: Resource },
): Promise<ReadableSpan[]> {
  const run = await deps.runs.getRun(runId);
  if (!run) return [];
  const events = await readRunLog(deps.runs, runId);
  // The name the graph had in the version that ran, not what it is called today.
  const version = await deps.graphs.getVersion(run.graphId, run.graphVersion);
  const parent = parseTraceParent(await deps.requests.traceParent(runId));
  const mapped = spansFromEvents(events, {
    ...(parent ? { parent } : {}),
    graphName: version?.document.name ?? run.graphId,
    captureContent: options.captureContent,
    scrub: (text) => scrubText(text, deps.secrets),
  });
  return mapped.map((span) => toReadableSpan(span, options.resource));
}

export function createOtlpSink(deps: OtlpSinkDeps, config: OtelConfig): EventSink & { shutdown(): Promise<void> } {
  const exporter = new OTLPTraceExporter({
    url: config.tracesUrl,
    headers: config.headers,
    timeoutMillis: config.timeoutMs,
  });
  const resource = batonResource(config.serviceName);
  return {
    name: 'otlp',
    async write(events: readonly RunEvent[]) {
      for (const event of events) {
        if (!isTerminalEvent(event)) continue;
        const spans = await runSpans(deps, event.runId, { captureContent: config.captureContent, resource });
        if (spans.length === 0) continue;
        await new Promise<void>((resolve, reject) => {
          exporter.export(spans, (result) =>
            result.code === ExportResultCode.SUCCESS
              ? resolve()
              : reject(result.error ?? new Error('the OTLP export failed')),
          );
        });
      }
    },
    shutdown: () => exporter.shutdown(),
  };
}
