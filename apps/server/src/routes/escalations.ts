// The escalation list: every decision waiting for a person, across runs, for the app's header.
import { EscalationListStatus } from '@baton/contracts';
import { Hono } from 'hono';
import type { AppDeps } from '../deps';
import { InvalidRequestError } from '../errors';
import { scrubbedJson } from '../http/scrubbed-json';
import { listWaitingEscalations } from '../runs/waiting-escalations';

export function escalationRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const json = scrubbedJson(deps.secrets);

  app.get('/escalations', async (c) => {
    const status = EscalationListStatus.safeParse(c.req.query('status') ?? 'waiting');
    if (!status.success) {
      throw new InvalidRequestError('The escalation list takes `status=waiting` only.', [
        { path: '$.status', message: 'Use "waiting".' },
      ]);
    }
    return json(c, { items: await listWaitingEscalations(deps) });
  });

  return app;
}
