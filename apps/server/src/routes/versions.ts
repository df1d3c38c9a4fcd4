// Version routes: save the draft as an immutable version, list and read versions, restore one into the draft.
import { SaveVersionBody } from '@baton/contracts';
import { Hono } from 'hono';
import type { AppDeps } from '../deps';
import { NotFoundError } from '../errors';
import { parseBody, positiveInt, readOptionalJson } from '../http/body';
import { scrubbedJson } from '../http/scrubbed-json';

export function versionRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const json = scrubbedJson(deps.secrets);
  const { graphs } = deps;

  const versionParam = (id: string, text: string): number => {
    const version = positiveInt(text);
    if (version === null) throw new NotFoundError(`Version "${text}" of the graph "${id}"`, 'version_not_found');
    return version;
  };

  app.post('/graphs/:id/versions', async (c) => {
    const body = parseBody(SaveVersionBody, await readOptionalJson(c));
    return json(c, await graphs.saveVersion(c.req.param('id'), body.label?.trim() ?? '', 'saved'), 201);
  });

  app.get('/graphs/:id/versions', async (c) => json(c, { items: await graphs.listVersions(c.req.param('id')) }));

  app.get('/graphs/:id/versions/:version', async (c) => {
    const id = c.req.param('id');
    const version = versionParam(id, c.req.param('version'));
    const record = await graphs.getVersion(id, version);
    if (!record) {
      if (!(await graphs.getGraph(id))) throw new NotFoundError(`The graph "${id}"`, 'graph_not_found');
      throw new NotFoundError(`Version ${version} of the graph "${id}"`, 'version_not_found');
    }
    return json(c, record);
  });

  app.post('/graphs/:id/versions/:version/restore', async (c) => {
    const id = c.req.param('id');
    return json(c, await graphs.restoreVersion(id, versionParam(id, c.req.param('version'))));
  });

  return app;
}
