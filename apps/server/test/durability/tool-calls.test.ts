// SIGKILL while a tool is running, then a restart on the same SQLite file: a call of a tool that may have side
// effects is not repeated blindly (the resumed run asks a person), a read-only one is simply made again. The real
// server is a child process with the real openai SDK against the fake OpenAI server; the tool's calls are counted
// in this process (test/counting-tools.ts), where the call the process dies during is held open.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GraphRecord, RunEvent, RunRecord, StartRunResponse } from '@baton/contracts';
import { verifyRunLog } from '@baton/engine';
import { edge, type FakeOpenAIServer, graph, node, startFakeOpenAIServer } from '@baton/engine/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer } from '../child-server';
import { COUNTING_SOURCE, startToolCounter, type ToolCounter } from '../counting-tools';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function errand(tool: 'send' | 'look') {
  return graph(
    [
      node('in', 'input'),
      node('clerk', 'specialist', { instructions: 'Do the errand.', tools: [{ source: COUNTING_SOURCE, name: tool }] }),
      node('out', 'output'),
    ],
    [edge('in', 'clerk'), edge('clerk', 'out')],
  );
}

interface World {
  fake: FakeOpenAIServer;
  counter: ToolCounter;
  spawn(): Promise<ChildServer>;
}

/** The model asks for the tool until it has a result, then answers; the same script for every process. */
async function world(tool: 'send' | 'look'): Promise<World> {
  const fake = await startFakeOpenAIServer({
    respond: (request) =>
      request.body.messages.some((m) => m.role === 'tool')
        ? { text: 'Done.' }
        : { toolCalls: [{ name: tool, arguments: '{"to":"ada"}' }] },
  });
  cleanups.push(() => fake.close());
  const counter = await startToolCounter();
  cleanups.push(() => counter.close());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-tool-kill-'));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const spawn = async () => {
    const child = await startChildServer(
      {
        BATON_DATA_DIR: dataDir,
        OPENAI_API_KEY: 'sk-tool-kill-test',
        OPENAI_BASE_URL: fake.baseURL,
        BATON_TOOL_COUNTER_URL: counter.url,
      },
      45_000,
      'test/tool-child-main.ts',
    );
    cleanups.push(() => child.process.kill('SIGKILL'));
    return child;
  };
  return { fake, counter, spawn };
}

/** Starts the run and kills the server while the tool call is held at the counter; returns the restarted server. */
async function killDuringCall(w: World, tool: 'send' | 'look'): Promise<{ server: ChildServer; runId: string }> {
  const first = await w.spawn();
  const imported = (await (await post(`${first.url}/api/graphs/import`, errand(tool))).json()) as GraphRecord;
  const held = w.counter.holdNext(tool);
  const started = await post(`${first.url}/api/graphs/${imported.id}/runs`, { goal: 'Tell Ada the news' });
  const { runId } = (await started.json()) as StartRunResponse;
  await withTimeout(held, 20_000, 'the tool call to arrive');
  first.process.kill('SIGKILL');
  await first.exited;
  expect(w.counter.calls).toHaveLength(1);
  return { server: await w.spawn(), runId };
}

describe('SIGKILL during a tool call, then a restart', () => {
  it('a tool that may have side effects: the resumed run asks a person, and calls again only when told to', async () => {
    const w = await world('send');
    const { server, runId } = await killDuringCall(w, 'send');
    const waiting = await until(server, runId, (r) => r.status === 'waiting' && r.pendingEscalations.length === 1);
    const events = await eventsOf(server, runId);
    const requested = events.filter((e) => e.type === 'escalation.requested');
    expect(requested).toHaveLength(1);
    expect(requested[0]).toMatchObject({
      stepKey: 'clerk/call:1/tool:1/unfinished:1',
      escalationId: waiting.pendingEscalations[0],
      subject: { kind: 'tool_call', tool: 'send', arguments: { to: 'ada' }, question: 'may_have_run' },
    });
    // Waiting for the person: the tool was not called again behind their back.
    expect(w.counter.calls).toHaveLength(1);

    const decided = await post(`${server.url}/api/runs/${runId}/escalations/${waiting.pendingEscalations[0]}`, {
      decision: 'approve',
      note: 'The outbox is empty: send it again.',
    });
    expect(decided.status).toBe(200);
    const done = await until(server, runId, (r) => r.status === 'completed');
    expect(done.result).toBe('Done.');
    expect(w.counter.calls).toEqual([
      { tool: 'send', args: { to: 'ada' } },
      { tool: 'send', args: { to: 'ada' } },
    ]);
    const log = await eventsOf(server, runId);
    expect(verifyRunLog(log, { lastHash: done.lastHash, count: done.eventCount })).toEqual({ ok: true });
  }, 120_000);

  it('a read-only tool: simply called again, nobody asked', async () => {
    const w = await world('look');
    const { server, runId } = await killDuringCall(w, 'look');
    const done = await until(server, runId, (r) => r.status === 'completed' || r.status === 'waiting');
    expect(done.status).toBe('completed');
    const events = await eventsOf(server, runId);
    expect(events.some((e) => e.type === 'escalation.requested')).toBe(false);
    expect(w.counter.calls).toEqual([
      { tool: 'look', args: { to: 'ada' } },
      { tool: 'look', args: { to: 'ada' } },
    ]);
    const attempts = events
      .filter((e) => e.type === 'action.started' && e.actionType === 'tool_call')
      .map((e) => (e.type === 'action.started' ? e.attempt : 0));
    expect(attempts).toEqual([1, 2]);
  }, 120_000);
});

async function until(server: ChildServer, runId: string, ready: (run: RunRecord) => boolean): Promise<RunRecord> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const run = (await (await fetch(`${server.url}/api/runs/${runId}`)).json()) as RunRecord;
    if (ready(run)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} is ${run.status}\n${server.output().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function eventsOf(server: ChildServer, runId: string): Promise<RunEvent[]> {
  return ((await (await fetch(`${server.url}/api/runs/${runId}/trace`)).json()) as { events: RunEvent[] }).events;
}

function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
