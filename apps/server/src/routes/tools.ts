// `GET /api/tools`: the tool sources this server has, as the editor offers them (the MCP servers asked now).
import type { ToolsResponse } from '@baton/contracts';
import { Hono } from 'hono';
import type { AppDeps } from '../deps';
import { scrubbedJson } from '../http/scrubbed-json';

export function toolRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  // Scrubbed: a server's descriptions or errors could repeat a credential it was sent.
  const json = scrubbedJson(deps.secrets);
  app.get('/tools', async (c) => {
    const body: ToolsResponse = { sources: await deps.tools.describe() };
    return json(c, body);
  });
  return app;
}
