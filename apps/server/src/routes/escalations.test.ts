import type { ApiErrorBody, GraphRecord, RunEvent, RunRecord, StartRunResponse } from '@baton/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { agentGraph, findingsContract } from '../../test/documents';
import { type TestServer, testServer } from '../../test/harness';
import { waitForRun } from '../runs/wait-for-run';

let server: TestServer;
afterEach(async () => server?.close());

const json = async <T>(response: Response) => (await response.json()) as T;
const payload = { summary: 'maybe', confidence: 0.2 };

async function waitingRun(): Promise<string> {
  server = testServer({ fake: { escalate: { payload, contract: findingsContract } } });
  const graph = await json<GraphRecord>(await server.call('POST', '/api/graphs', { document: agentGraph() }));
  const { runId } = await json<StartRunResponse>(
    await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'go' }),
  );
  const run = await waitForRun(server, runId, (r) => r.status === 'waiting', 2000);
  expect(run?.status).toBe('waiting');
  expect(run?.pendingEscalations).toEqual(['esc_1']);
  return runId;
}

const decide = (runId: string, body: unknown, id = 'esc_1') =>
  server.call('POST', `/api/runs/${runId}/escalations/${id}`, body);

async function ended(runId: string): Promise<RunRecord> {
  return (await waitForRun(server, runId, (r) => ['completed', 'failed', 'cancelled'].includes(r.status), 2000))!;
}

describe('POST /api/runs/:id/escalations/:escalationId', () => {
  it('approve: the original payload goes on and the run completes; a second decision gets 409', async () => {
    const runId = await waitingRun();
    const response = await decide(runId, { decision: 'approve', note: 'fine' });
    expect(response.status).toBe(200);
    const record = await json<RunRecord>(response);
    // The decision is stored before the answer: the escalation is no longer pending.
    expect(record.pendingEscalations).toEqual([]);
    const events = await server.runs.readEvents(runId, 0);
    const resolved = events.find((e) => e.type === 'escalation.resolved') as Extract<
      RunEvent,
      { type: 'escalation.resolved' }
    >;
    expect(resolved).toMatchObject({ decision: 'approve', payload });
    expect((await ended(runId)).result).toEqual(payload);

    const second = await decide(runId, { decision: 'reject' });
    expect(second.status).toBe(409);
    expect((await json<ApiErrorBody>(second)).error.code).toBe('escalation_decided');
  });

  it('edit: a payload that breaks the contract gets 400 and the escalation stays; a good one goes on', async () => {
    const runId = await waitingRun();
    const bad = await decide(runId, { decision: 'edit', payload: { summary: 3 } });
    expect(bad.status).toBe(400);
    const error = await json<ApiErrorBody>(bad);
    expect(error.error.code).toBe('invalid_payload');
    expect(error.error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['$.payload.summary']));
    expect((await server.runs.getRun(runId))?.pendingEscalations).toEqual(['esc_1']);

    const missingPayload = await decide(runId, { decision: 'edit' });
    expect(missingPayload.status).toBe(400);
    expect((await json<ApiErrorBody>(missingPayload)).error.issues[0]!.path).toBe('$.payload');

    const edited = { summary: 'surely', confidence: 0.95 };
    expect((await decide(runId, { decision: 'edit', payload: edited })).status).toBe(200);
    expect((await ended(runId)).result).toEqual(edited);
  });

  it('reject: the run fails with the reason', async () => {
    const runId = await waitingRun();
    expect((await decide(runId, { decision: 'reject' })).status).toBe(200);
    const run = await ended(runId);
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('handoff_rejected_by_person');
  });

  it('answers unknown escalations and runs with 404, a bad decision with 400', async () => {
    const runId = await waitingRun();
    expect((await decide(runId, { decision: 'approve' }, 'esc_404')).status).toBe(404);
    expect((await decide('run_nope', { decision: 'approve' })).status).toBe(404);
    expect((await decide(runId, { decision: 'maybe' })).status).toBe(400);
    expect((await server.runs.getRun(runId))?.status).toBe('waiting');
  });

  it('cancelling a waiting run ends it and the escalation can no longer be decided', async () => {
    const runId = await waitingRun();
    const cancelled = await json<RunRecord>(await server.call('POST', `/api/runs/${runId}/cancel`));
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.pendingEscalations).toEqual([]);
    expect((await decide(runId, { decision: 'approve' })).status).toBe(409);
  });
});
