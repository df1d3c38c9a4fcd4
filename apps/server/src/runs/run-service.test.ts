// The run service alone (no executor in this process): what it writes to the store, and what it refuses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiErrorBody, GraphRecord, RunRecord, StartRunResponse } from '@baton/contracts';
import * as engine from '@baton/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { agentGraph, findingsContract } from '../../test/documents';
import { type TestServer, testServer } from '../../test/harness';
import { waitForRun } from './wait-for-run';

const servers: TestServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close().catch(() => {});
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const unsure = () => engine.createSimulatedProvider({ callDelayMs: 0, tokenDelayMs: 0, confidence: 0.2 });
const json = async <T>(response: Response) => (await response.json()) as T;

function open(dir: string, tag: string, execute: boolean): TestServer {
  const server = testServer({ engine, provider: unsure(), dataDir: dir, idTag: tag, execute });
  servers.push(server);
  return server;
}

/** A run left waiting for a person by a process that stopped; then a process that executes nothing. */
async function unheldWaitingRun(): Promise<{ server: TestServer; runId: string; escalationId: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-service-'));
  dirs.push(dir);
  const first = open(dir, 'a', true);
  const graph = await json<GraphRecord>(
    await first.call('POST', '/api/graphs', { document: agentGraph('g', findingsContract) }),
  );
  const { runId } = await json<StartRunResponse>(
    await first.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'x' }),
  );
  const waiting = await waitForRun(first, runId, (r) => r.status === 'waiting', 10_000);
  await first.close(0);
  servers.splice(servers.indexOf(first), 1);
  return { server: open(dir, 'b', false), runId, escalationId: waiting!.pendingEscalations[0]! };
}

describe('run service', () => {
  it('checks an edit against the contract before storing it, stores one decision, refuses a second', async () => {
    const { server, runId, escalationId } = await unheldWaitingRun();
    const decide = (body: unknown) => server.call('POST', `/api/runs/${runId}/escalations/${escalationId}`, body);
    const bad = await decide({ decision: 'edit', payload: { summary: 3 } });
    expect(bad.status).toBe(400);
    expect((await json<ApiErrorBody>(bad)).error.code).toBe('invalid_payload');
    expect(await server.requests.decision(runId, escalationId)).toBeNull();

    const good = await decide({ decision: 'edit', payload: { summary: 'checked', confidence: 1 }, note: 'ok' });
    expect(good.status).toBe(200);
    // No process holds the run: the answer comes at once, the question still open until the run resumes.
    expect((await json<RunRecord>(good)).pendingEscalations).toEqual([escalationId]);
    expect(await server.requests.decision(runId, escalationId)).toEqual({
      decision: 'edit',
      payload: { summary: 'checked', confidence: 1 },
      note: 'ok',
    });
    const again = await decide({ decision: 'reject' });
    expect(again.status).toBe(409);
    expect((await json<ApiErrorBody>(again)).error.code).toBe('escalation_decided');
    expect((await server.call('POST', `/api/runs/${runId}/escalations/nope`, { decision: 'approve' })).status).toBe(
      404,
    );
  });

  it('cancels an unheld waiting run at once, with the spend of its attempts', async () => {
    const { server, runId } = await unheldWaitingRun();
    const before = (await server.runs.getRun(runId))!;
    const cancelled = await json<RunRecord>(await server.call('POST', `/api/runs/${runId}/cancel`));
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.usage).toEqual(before.usage);
    expect(cancelled.usage.totalTokens).toBeGreaterThan(0);
    expect(await server.claims.holder(runId)).toBeNull();
  });

  it('refuses a decision on an interrupted run until it is resumed: its question stays open under its id', async () => {
    const { server, runId, escalationId } = await unheldWaitingRun();
    const run = (await server.runs.getRun(runId))!;
    const sealed = engine.sealEvent(
      { type: 'run.interrupted', reason: 'The models changed.' },
      { runId, seq: run.eventCount + 1, at: Date.now(), previousChain: run.lastHash },
    );
    await server.runs.appendEvents([sealed]);
    expect((await server.runs.getRun(runId))?.pendingEscalations).toEqual([escalationId]);
    const refused = await server.call('POST', `/api/runs/${runId}/escalations/${escalationId}`, {
      decision: 'approve',
    });
    expect(refused.status).toBe(409);
    const error = (await json<ApiErrorBody>(refused)).error;
    expect(error.code).toBe('run_interrupted');
    expect(error.message).toContain('The models changed.');
  });

  it('accepts no new run once the process is stopping', async () => {
    const { server } = await unheldWaitingRun();
    server.runService.stopAccepting();
    const graph = (await server.graphs.listGraphs())[0]!;
    const refused = await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'x' });
    expect(refused.status).toBe(409);
    expect((await json<ApiErrorBody>(refused)).error.code).toBe('server_stopping');
  });
});
