// Graph routes: list, create, import, get, rename, delete, duplicate, update the draft, export.
import {
  CreateGraphBody,
  type GraphDocument,
  isTerminalRunStatus,
  RenameGraphBody,
  UpdateDraftBody,
} from '@baton/contracts';
import { Hono } from 'hono';
import type { AppDeps } from '../deps';
import { ConflictError, InvalidRequestError, NotFoundError } from '../errors';
import { checkGraphDocument, exportFileName, exportText, starterGraph } from '../graphs/documents';
import { distinctName } from '../graphs/names';
import { parseBody, positiveInt, readJson } from '../http/body';
import { scrubbedJson } from '../http/scrubbed-json';

export function graphRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const json = scrubbedJson(deps.secrets);
  const { graphs } = deps;

  const requireGraph = async (id: string) => {
    const record = await graphs.getGraph(id);
    if (!record) throw new NotFoundError(`The graph "${id}"`, 'graph_not_found');
    return record;
  };

  app.get('/graphs', async (c) => json(c, { items: await graphs.listGraphs() }));

  app.post('/graphs', async (c) => {
    const body = await readJson(c);
    const id = deps.newId('graph');
    let document: GraphDocument;
    if (typeof body === 'object' && body !== null && 'document' in body) {
      const { document: raw, ...rest } = body as Record<string, unknown>;
      if (Object.keys(rest).length > 0) {
        throw new InvalidRequestError('Send either { document } or { name, description }, not both.', [
          { path: '$', message: `Unexpected keys: ${Object.keys(rest).join(', ')}.` },
        ]);
      }
      document = checkGraphDocument(raw, { rules: false, prefix: ['document'] });
    } else {
      const parsed = parseBody(CreateGraphBody, body);
      document = 'document' in parsed ? parsed.document : starterGraph(id, parsed.name, parsed.description);
    }
    return json(c, await graphs.createGraph(id, document), 201);
  });

  const takenNames = async () => (await graphs.listGraphs()).map((graph) => graph.name);

  app.post('/graphs/import', async (c) => {
    const document = checkGraphDocument(await readJson(c), { rules: true });
    const name = distinctName(document.name, await takenNames());
    return json(c, await graphs.createGraph(deps.newId('graph'), { ...document, name }), 201);
  });

  app.get('/graphs/:id', async (c) => json(c, await requireGraph(c.req.param('id'))));

  app.patch('/graphs/:id', async (c) => {
    const body = parseBody(RenameGraphBody, await readJson(c));
    return json(c, await graphs.rename(c.req.param('id'), body.name, body.description));
  });

  app.delete('/graphs/:id', async (c) => {
    const id = c.req.param('id');
    await requireGraph(id);
    const live = (await deps.runs.listRuns(id)).filter((run) => !isTerminalRunStatus(run.status));
    if (live.length > 0) {
      throw new ConflictError('graph_has_live_runs', 'This graph has runs going on: cancel them, then delete it.');
    }
    await graphs.deleteGraph(id);
    return c.body(null, 204);
  });

  app.post('/graphs/:id/duplicate', async (c) => {
    const source = await requireGraph(c.req.param('id'));
    const name = distinctName(`${source.draft.name} (copy)`.slice(0, 200), await takenNames());
    return json(c, await graphs.createGraph(deps.newId('graph'), { ...source.draft, name }), 201);
  });

  app.put('/graphs/:id/draft', async (c) => {
    const body = parseBody(UpdateDraftBody, await readJson(c));
    return json(c, await graphs.updateDraft(c.req.param('id'), body.document, body.baseRevision));
  });

  app.get('/graphs/:id/export', async (c) => {
    const record = await requireGraph(c.req.param('id'));
    const versionParam = c.req.query('version');
    let document = record.draft;
    let version: number | undefined;
    if (versionParam !== undefined) {
      version = positiveInt(versionParam) ?? undefined;
      if (version === undefined) {
        throw new InvalidRequestError('"version" must be a version number.', [
          { path: '$.version', message: 'Not a version number.' },
        ]);
      }
      const stored = await graphs.getVersion(record.id, version);
      if (!stored) throw new NotFoundError(`Version ${version} of the graph "${record.id}"`, 'version_not_found');
      document = stored.document;
    }
    c.header('Content-Type', 'application/json; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${exportFileName(document.name, version)}"`);
    return c.body(exportText(document, deps.secrets));
  });

  return app;
}
