// The orchestrator through the real openai SDK against the fake server: concurrency, dependencies, bad plans.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../model/openai-provider';
import { requestPurpose, userText } from '../testing/chat-request';
import { actionTreeProblems, collectRun, eventsOfType } from '../testing/collect-run';
import { type FakeOpenAIServer, type RecordedRequest, startFakeOpenAIServer } from '../testing/fake-openai-server';
import { edge, graph, node } from '../testing/graphs';

let server: FakeOpenAIServer;
beforeEach(async () => {
  server = await startFakeOpenAIServer();
});
afterEach(() => server.close());

const provider = () =>
  createOpenAIProvider({ apiKey: 'k', baseURL: server.baseURL, models: { fast: 'f', balanced: 'b', deep: 'd' } });

function teamGraph(concurrency = 4) {
  return graph(
    [
      node('in', 'input'),
      node('lead', 'orchestrator', { concurrency }),
      node('w', 'specialist', { name: 'worker', description: 'does one thing' }),
      node('out', 'output'),
    ],
    [edge('in', 'lead'), edge('lead', 'w', 'dispatch'), edge('lead', 'out')],
  );
}

const isPlanRequest = (r: RecordedRequest) => requestPurpose(r.body).kind === 'decompose';
const subtaskOf = (r: RecordedRequest) => /do subtask (t\d+)\n<\/agent_data/.exec(userText(r.body))?.[1] ?? null;

function plan(subtasks: { id: string; assigned_to?: string; depends_on?: string[] }[]) {
  return {
    json: {
      subtasks: subtasks.map((s) => ({
        id: s.id,
        description: `do subtask ${s.id}`,
        assigned_to: s.assigned_to ?? 'worker',
        depends_on: s.depends_on ?? [],
      })),
    },
  };
}

describe('orchestrator', () => {
  it('runs 10 independent subtasks with exactly 4 requests held at once, never 5', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => ({ id: `t${i + 1}` }));
    server.setResponder((r) =>
      isPlanRequest(r) ? plan(ids) : subtaskOf(r) ? { text: 'done', hold: true } : undefined,
    );
    const run = collectRun({ graph: teamGraph(4), goal: 'Do ten things', provider: provider() });
    let released = 0;
    while (released < 10) {
      await server.waitForHeld(Math.min(4, 10 - released));
      expect(server.heldCount).toBe(Math.min(4, 10 - released));
      released += server.release(1);
    }
    const { outcome, events } = await run;
    expect(outcome.status).toBe('completed');
    expect(server.maxHeld).toBe(4);
    expect(eventsOfType(events, 'action.started').filter((e) => e.actionType === 'dispatch')).toHaveLength(10);
  });

  it('runs as wide as its own concurrency when the run sets no cap (20 at once, above the old default of 16)', async () => {
    const ids = Array.from({ length: 24 }, (_, i) => ({ id: `t${i + 1}` }));
    server.setResponder((r) =>
      isPlanRequest(r) ? plan(ids) : subtaskOf(r) ? { text: 'done', hold: true } : undefined,
    );
    const run = collectRun({ graph: teamGraph(20), goal: 'Do many things', provider: provider() });
    await server.waitForHeld(20);
    expect(server.heldCount).toBe(20);
    server.release(20);
    await server.waitForHeld(4);
    server.release(4);
    const { outcome } = await run;
    expect(outcome.status).toBe('completed');
    expect(server.maxHeld).toBe(20);
  });

  it('obeys a run-wide concurrency set below its own', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => ({ id: `t${i + 1}` }));
    server.setResponder((r) =>
      isPlanRequest(r) ? plan(ids) : subtaskOf(r) ? { text: 'done', hold: true } : undefined,
    );
    const run = collectRun({ graph: teamGraph(8), goal: 'Do eight things', provider: provider(), concurrency: 3 });
    let released = 0;
    while (released < 8) {
      await server.waitForHeld(Math.min(3, 8 - released));
      expect(server.heldCount).toBe(Math.min(3, 8 - released));
      released += server.release(1);
    }
    const { outcome } = await run;
    expect(outcome.status).toBe('completed');
    expect(server.maxHeld).toBe(3);
  });

  it('starts a subtask only after its depends_on are done', async () => {
    const answeredWhenT2Arrived: boolean[] = [];
    server.setResponder((r) => {
      if (isPlanRequest(r)) return plan([{ id: 't2', depends_on: ['t1'] }, { id: 't1' }]);
      if (subtaskOf(r) === 't2') {
        answeredWhenT2Arrived.push(server.requests.some((q) => subtaskOf(q) === 't1' && q.answered));
        // Prompts name a subtask by its place in the plan (t1 is second), never by the id the model chose.
        expect(userText(r.body)).toContain('worker (subtask 2)');
      }
      return undefined;
    });
    const { outcome } = await collectRun({ graph: teamGraph(4), goal: 'Two steps', provider: provider() });
    expect(outcome.status).toBe('completed');
    expect(answeredWhenT2Arrived).toEqual([true]);
  });

  it('gives a subtask for an unknown worker an error result and goes on', async () => {
    server.setResponder((r) =>
      isPlanRequest(r) ? plan([{ id: 't1' }, { id: 't2', assigned_to: 'ghost' }]) : undefined,
    );
    const { outcome, events } = await collectRun({ graph: teamGraph(), goal: 'x', provider: provider() });
    expect(actionTreeProblems(events)).toEqual([]);
    expect(outcome.status).toBe('completed');
    const failed = eventsOfType(events, 'action.failed').find((e) => e.error.code === 'unknown_worker');
    expect(failed?.error.message).toContain('ghost');
    const synthesis = server.requests.at(-1)!;
    expect(userText(synthesis.body)).toContain('Error: There is no worker named');
  });

  it('reports a depends_on cycle as error events instead of hanging', async () => {
    server.setResponder((r) =>
      isPlanRequest(r)
        ? plan([
            { id: 't1', depends_on: ['t2'] },
            { id: 't2', depends_on: ['t1'] },
            { id: 't3' },
            { id: 't4', depends_on: ['t9'] },
          ])
        : undefined,
    );
    const { outcome, events } = await collectRun({ graph: teamGraph(), goal: 'x', provider: provider() });
    expect(actionTreeProblems(events)).toEqual([]);
    expect(outcome.status).toBe('completed');
    const codes = eventsOfType(events, 'action.failed').map((e) => e.error.code);
    expect(codes.sort()).toEqual(['dependency_cycle', 'dependency_cycle', 'unknown_dependency']);
    expect(server.requests.filter((r) => subtaskOf(r))).toHaveLength(1);
  });

  it('repairs malformed decomposition JSON once, with the parse error', async () => {
    server.enqueue({ text: '{"subtasks": [ oops' });
    const { outcome } = await collectRun({ graph: teamGraph(), goal: 'x', provider: provider() });
    expect(outcome.status).toBe('completed');
    expect(userText(server.requests[1]!.body)).toContain('not valid JSON');
  });

  it('fails clearly when the decomposition is malformed twice', async () => {
    server.enqueue({ text: 'no json here' }, { text: '{"subtasks": "nope"}' });
    const { outcome, events } = await collectRun({ graph: teamGraph(), goal: 'x', provider: provider() });
    expect(actionTreeProblems(events)).toEqual([]);
    expect(outcome.status).toBe('failed');
    expect(events.at(-1)).toMatchObject({ type: 'run.failed', error: { code: 'invalid_plan' } });
  });
});
