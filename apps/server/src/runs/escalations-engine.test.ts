// Escalations with the real engine: the research-and-write example with a simulated researcher that is unsure.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiErrorBody, GraphRecord, RunEvent, RunRecord, StartRunResponse } from '@baton/contracts';
import * as engine from '@baton/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/harness';
import { waitForRun } from './wait-for-run';

const example = JSON.parse(
  fs.readFileSync(
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples/research-and-write.json'),
    'utf8',
  ),
) as unknown;

let server: TestServer;
afterEach(async () => server?.close());

const json = async <T>(response: Response) => (await response.json()) as T;
const settled = (r: RunRecord) => r.status === 'waiting' || ['completed', 'failed', 'cancelled'].includes(r.status);

async function waitingRun(): Promise<RunRecord> {
  server = testServer({
    engine,
    provider: engine.createSimulatedProvider({ callDelayMs: 0, tokenDelayMs: 0, confidence: 0.4 }),
  });
  const graph = await json<GraphRecord>(await server.call('POST', '/api/graphs/import', example));
  const started = await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'Write about tide pools' });
  const { runId } = await json<StartRunResponse>(started);
  const run = (await waitForRun(server, runId, settled, 10_000))!;
  expect(run.status).toBe('waiting');
  expect(run.pendingEscalations.length).toBeGreaterThan(0);
  return run;
}

/** Decides every escalation the run waits for, until it ends; returns the ended run. */
async function decideAll(run: RunRecord, body: (id: string) => unknown): Promise<RunRecord> {
  let current = run;
  while (current.status === 'waiting') {
    for (const id of current.pendingEscalations) {
      const response = await server.call('POST', `/api/runs/${run.id}/escalations/${id}`, body(id));
      expect(response.status, await response.clone().text()).toBe(200);
    }
    current = (await waitForRun(server, run.id, settled, 10_000))!;
  }
  return current;
}

async function eventsOf(runId: string): Promise<RunEvent[]> {
  return server.runs.readEvents(runId, 0);
}

describe('escalations over HTTP with the real engine', () => {
  it('approve: the run goes on and completes; a second decision gets 409', async () => {
    const run = await waitingRun();
    const first = run.pendingEscalations[0]!;
    const ended = await decideAll(run, () => ({ decision: 'approve' }));
    expect(ended.status).toBe('completed');
    const resolved = (await eventsOf(run.id)).filter((e) => e.type === 'escalation.resolved');
    expect(resolved.length).toBeGreaterThan(0);
    expect(resolved.every((e) => e.type === 'escalation.resolved' && e.decision === 'approve')).toBe(true);
    const again = await server.call('POST', `/api/runs/${run.id}/escalations/${first}`, { decision: 'reject' });
    expect(again.status).toBe(409);
  }, 30_000);

  it('edit: a payload that breaks the contract gets 400 and stays pending; a good edit is what goes on', async () => {
    const run = await waitingRun();
    const id = run.pendingEscalations[0]!;
    const bad = await server.call('POST', `/api/runs/${run.id}/escalations/${id}`, {
      decision: 'edit',
      payload: { key_findings: 'not a list' },
    });
    expect(bad.status).toBe(400);
    expect((await json<ApiErrorBody>(bad)).error.issues.length).toBeGreaterThan(0);
    expect((await server.runs.getRun(run.id))?.pendingEscalations).toContain(id);

    const edited = {
      sources: [{ title: 'Checked by a person' }],
      key_findings: ['Tide pools are rocky.'],
      confidence: 1,
    };
    const ended = await decideAll(run, () => ({ decision: 'edit', payload: edited }));
    expect(ended.status).toBe('completed');
    const events = await eventsOf(run.id);
    const resolved = events.find((e) => e.type === 'escalation.resolved' && e.escalationId === id);
    expect(resolved).toMatchObject({ decision: 'edit', payload: edited });
    // The writer was handed the person's payload.
    const writerInputs = events.filter(
      (e) =>
        e.type === 'action.started' &&
        e.agentName === 'writer' &&
        JSON.stringify(e.messages ?? []).includes('Checked by a person'),
    );
    expect(writerInputs.length).toBeGreaterThan(0);
  }, 30_000);

  it('reject: the run fails with the rejection', async () => {
    const run = await waitingRun();
    const ended = await decideAll(run, () => ({ decision: 'reject' }));
    expect(ended.status).toBe('failed');
    expect(JSON.stringify(ended.error)).toMatch(/reject/i);
  }, 30_000);
});
