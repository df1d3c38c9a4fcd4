// Run routes: start a run of a graph's draft, list and read runs, cancel, resume, decide an escalation, export the trace.
import { EscalationDecisionBody, StartRunBody, traceFile } from '@baton/contracts';
import { Hono } from 'hono';
import type { AppDeps } from '../deps';
import { NotFoundError } from '../errors';
import { parseBody, readJson } from '../http/body';
import { scrubbedJson } from '../http/scrubbed-json';
import { otlpJsonLines } from '../otel/otlp-file';
import { formatTraceParent, parseTraceParent } from '../otel/traceparent';
import { scrubText } from '../secrets';

export function runRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const json = scrubbedJson(deps.secrets);
  const { runs, runService } = deps;

  const requireRun = async (id: string) => {
    const run = await runs.getRun(id);
    if (!run) throw new NotFoundError(`The run "${id}"`, 'run_not_found');
    return run;
  };

  app.post('/graphs/:id/runs', async (c) => {
    const body = parseBody(StartRunBody, await readJson(c));
    // A caller's W3C trace context makes the run's exported trace a child of the caller's; an invalid one is ignored.
    const parent = parseTraceParent(c.req.header('traceparent'));
    const context = parent ? { traceparent: formatTraceParent(parent) } : {};
    return json(c, await runService.start(c.req.param('id'), body, context), 202);
  });

  app.get('/graphs/:id/runs', async (c) => {
    const id = c.req.param('id');
    if (!(await deps.graphs.getGraph(id))) throw new NotFoundError(`The graph "${id}"`, 'graph_not_found');
    return json(c, { items: await runs.listRuns(id) });
  });

  app.get('/runs/:id', async (c) => json(c, await requireRun(c.req.param('id'))));

  app.post('/runs/:id/cancel', async (c) => json(c, await runService.cancel(c.req.param('id'))));

  app.post('/runs/:id/resume', async (c) => json(c, await runService.resume(c.req.param('id')), 202));

  app.post('/runs/:id/escalations/:escalationId', async (c) => {
    const body = parseBody(EscalationDecisionBody, await readJson(c));
    return json(c, await runService.decide(c.req.param('id'), c.req.param('escalationId'), body));
  });

  app.get('/runs/:id/trace', async (c) => {
    const run = await requireRun(c.req.param('id'));
    const version = await deps.graphs.getVersion(run.graphId, run.graphVersion);
    const events = [];
    for (let after = 0; ; ) {
      const batch = await runs.readEvents(run.id, after, 1000);
      if (batch.length === 0) break;
      events.push(...batch);
      after = batch.at(-1)!.seq;
    }
    c.header('Content-Disposition', `attachment; filename="baton-trace-${run.id}.json"`);
    return json(c, traceFile({ run, graph: version?.document ?? null, events }));
  });

  // The same spans the live exporter sends, as OTLP JSON Lines (the Collector's `otlpjsonfile` receiver reads them).
  app.get('/runs/:id/trace.otlp.jsonl', async (c) => {
    const run = await requireRun(c.req.param('id'));
    const otel = deps.otel ?? { serviceName: 'baton', captureContent: false };
    const body = await otlpJsonLines(
      { runs, graphs: deps.graphs, requests: deps.requests, secrets: deps.secrets },
      run.id,
      otel,
    );
    c.header('Content-Type', 'application/x-ndjson; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="baton-trace-${run.id}.otlp.jsonl"`);
    return c.body(scrubText(body, deps.secrets));
  });

  return app;
}
