// Test case routes: a case drafted from a finished run, and a graph's cases listed, saved, replaced, deleted,
// exported as a file and run against the graph's current draft. None of them makes a graph version.
import {
  isTerminalRunStatus,
  NotARecordedRunError,
  parseGraph,
  RunTestCaseBody,
  TestCase,
  testCaseFromRun,
} from '@baton/contracts';
import { type Context, Hono } from 'hono';
import type { AppDeps } from '../deps';
import { ConflictError, InvalidRequestError, NotFoundError } from '../errors';
import { graphIssues, parseBody, readJson, readOptionalJson } from '../http/body';
import { scrubbedJson } from '../http/scrubbed-json';
import { scrubText } from '../secrets';

export function testCaseRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const json = scrubbedJson(deps.secrets);
  const { graphs, runs, testCases } = deps;

  const requireCase = async (graphId: string, id: string) => {
    const record = await testCases.store.get(graphId, id);
    if (!record) throw new NotFoundError(`The test case "${id}" of the graph "${graphId}"`, 'test_case_not_found');
    return record;
  };
  // The case belongs to the graph it is saved in, whatever graph it was recorded on (an import has a new id).
  const caseBody = async (c: Context, graphId: string) => ({
    ...parseBody(TestCase, await readJson(c)),
    graphId,
  });

  app.get('/runs/:id/testcase', async (c) => {
    const run = await runs.getRun(c.req.param('id'));
    if (!run) throw new NotFoundError(`The run "${c.req.param('id')}"`, 'run_not_found');
    if (!isTerminalRunStatus(run.status) || run.status === 'interrupted') {
      throw new ConflictError(
        'run_not_finished',
        `The run is ${run.status}: only a finished run can become a test case.`,
      );
    }
    const version = await graphs.getVersion(run.graphId, run.graphVersion);
    const events = await runs.readEvents(run.id, 0, Number.MAX_SAFE_INTEGER);
    const name = c.req.query('name')?.trim() || run.goal.slice(0, 80) || run.id;
    try {
      return json(c, testCaseFromRun({ name, graph: version?.document ?? null, events, runId: run.id }));
    } catch (error) {
      if (error instanceof NotARecordedRunError) throw new ConflictError('run_not_finished', error.message);
      throw error;
    }
  });

  app.get('/graphs/:id/tests', async (c) => json(c, { items: await testCases.store.list(c.req.param('id')) }));

  app.post('/graphs/:id/tests', async (c) => {
    const graphId = c.req.param('id');
    const document = await caseBody(c, graphId);
    return json(c, await testCases.store.create(graphId, deps.newId('case'), document), 201);
  });

  app.get('/graphs/:id/tests/:caseId', async (c) =>
    json(c, await requireCase(c.req.param('id'), c.req.param('caseId'))),
  );

  app.put('/graphs/:id/tests/:caseId', async (c) => {
    const graphId = c.req.param('id');
    const document = await caseBody(c, graphId);
    return json(c, await testCases.store.replace(graphId, c.req.param('caseId'), document));
  });

  app.delete('/graphs/:id/tests/:caseId', async (c) => {
    if (!(await testCases.store.delete(c.req.param('id'), c.req.param('caseId')))) {
      throw new NotFoundError(`The test case "${c.req.param('caseId')}"`, 'test_case_not_found');
    }
    return c.body(null, 204);
  });

  // The file to keep beside the graph's export: `baton test --graph <graph>.baton.json` finds it there.
  app.get('/graphs/:id/tests/:caseId/export', async (c) => {
    const graph = await graphs.getGraph(c.req.param('id'));
    if (!graph) throw new NotFoundError(`The graph "${c.req.param('id')}"`, 'graph_not_found');
    const record = await requireCase(graph.id, c.req.param('caseId'));
    c.header('Content-Type', 'application/json; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${caseExportName(graph.draft.name, record.name)}"`);
    return c.body(scrubText(`${JSON.stringify(record.document, null, 2)}\n`, deps.secrets));
  });

  app.post('/graphs/:id/tests/:caseId/run', async (c) => {
    const body = parseBody(RunTestCaseBody, await readOptionalJson(c));
    const graph = await graphs.getGraph(c.req.param('id'));
    if (!graph) throw new NotFoundError(`The graph "${c.req.param('id')}"`, 'graph_not_found');
    const record = await requireCase(graph.id, c.req.param('caseId'));
    // Against the current draft, as it is in the editor: a draft that breaks the rules cannot be replayed.
    const checked = parseGraph(graph.draft);
    if (!checked.ok) {
      const issues = graphIssues(checked.issues);
      throw new InvalidRequestError(`The draft is not valid: ${issues[0]?.message}`, issues, 'invalid_graph');
    }
    return json(c, await testCases.runner.replay(record.document, checked.graph, { live: body.live === true }));
  });

  return app;
}

function slug(text: string, fallback: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || fallback
  );
}

/** `<graph>.<case>.testcase.json`, beside `<graph>.baton.json`. */
export function caseExportName(graphName: string, caseName: string): string {
  return `${slug(graphName, 'graph')}.${slug(caseName, 'case')}.testcase.json`;
}
