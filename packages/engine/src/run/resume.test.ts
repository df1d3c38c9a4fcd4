// Resume: an escalation nobody answered keeps its id, a step whose inputs changed runs again, spend carries over.
import type { RunEvent } from '@baton/contracts';
import { describe, expect, it } from 'vitest';
import { verifyRunLog } from '../audit/seal';
import { collectRun, eventsOfType } from '../testing/collect-run';
import { edge, graph, node } from '../testing/graphs';
import { createScriptedProvider } from '../testing/scripted-provider';
import { DIVERGED } from './context';

const contract = {
  name: 'sure',
  schema: { type: 'object', properties: { confidence: { type: 'number' } }, required: ['confidence'] },
  requiredConfidence: 0.8,
  onLowConfidence: 'escalate' as const,
};
const escalating = graph(
  [node('in', 'input'), node('a', 'specialist'), node('b', 'specialist'), node('out', 'output')],
  [edge('in', 'a'), edge('a', 'b', 'handoff', { contract }), edge('b', 'out')],
);

function verifies(log: RunEvent[]) {
  return verifyRunLog(log, { lastHash: log.at(-1)!.chain, count: log.length });
}

describe('resuming a run that waited for a person', () => {
  it('waits on the same escalation id, asks no second time, and takes the decision sent for it', async () => {
    const provider = createScriptedProvider((r) => (r.agentName === 'a' ? '{"confidence": 0.2}' : 'fine'));
    const controller = new AbortController();
    const first = await collectRun({
      graph: escalating,
      goal: 'x',
      provider,
      signal: controller.signal,
      escalations: async (_request, signal) => {
        controller.abort(new Error('the process went away'));
        return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      },
    });
    const requested = eventsOfType(first.events, 'escalation.requested');
    expect(requested).toHaveLength(1);
    // What a crash leaves: everything up to the open question.
    const cut = first.events.slice(0, first.events.indexOf(requested[0]!) + 1);
    const asked: string[] = [];
    const second = await collectRun({
      graph: escalating,
      goal: 'x',
      provider,
      replay: cut,
      escalations: async (request) => {
        asked.push(request.escalationId);
        return { decision: 'approve' };
      },
    });
    expect(second.outcome.status).toBe('completed');
    expect(asked).toEqual([requested[0]!.escalationId]);
    expect(eventsOfType(second.events, 'escalation.requested')).toHaveLength(0);
    expect(eventsOfType(second.events, 'escalation.resolved')[0]?.escalationId).toBe(requested[0]!.escalationId);
    // a's reply was recorded: only b is asked in the second attempt.
    expect(provider.requests.filter((r) => r.agentName === 'a')).toHaveLength(1);
    expect(verifies([...cut, ...second.events])).toEqual({ ok: true });
  });
});

describe('a recorded step whose inputs differ', () => {
  it('is not reused: it runs again, marked as diverged', async () => {
    const g = graph(
      [node('in', 'input'), node('a', 'specialist'), node('out', 'output')],
      [edge('in', 'a'), edge('a', 'out')],
    );
    const provider = createScriptedProvider(() => 'first answer');
    const first = await collectRun({ graph: g, goal: 'the first goal', provider });
    const completedAt = first.events.findIndex((e) => e.type === 'action.completed' && e.stepKey !== null);
    const cut = first.events.slice(0, completedAt + 1);
    // The same step key with other logical inputs (another goal reaches the agent): its recorded reply must not be used.
    const again = createScriptedProvider(() => 'second answer');
    const second = await collectRun({ graph: g, goal: 'another goal', provider: again, replay: cut });
    expect(again.requests).toHaveLength(1);
    expect(second.outcome.status === 'completed' && second.outcome.result).toBe('second answer');
    const started = eventsOfType(second.events, 'action.started').find((e) => e.actionType === 'llm_call')!;
    expect(started.summary).toBe(DIVERGED);
    expect(started.attempt).toBe(2);
  });
});

describe('spend across attempts', () => {
  it('counts the calls and tokens of earlier attempts, not the time between them', async () => {
    const g = graph(
      [node('in', 'input'), node('a', 'specialist'), node('b', 'specialist'), node('out', 'output')],
      [edge('in', 'a'), edge('a', 'b'), edge('b', 'out')],
    );
    const usage = { inputTokens: 10, outputTokens: 5, totalTokens: 15 };
    const provider = createScriptedProvider(() => ({ text: 'ok', usage }));
    const first = await collectRun({ graph: g, goal: 'x', provider });
    const aDone = first.events.findIndex((e) => e.type === 'action.completed' && e.stepKey?.startsWith('a'));
    const cut = first.events.slice(0, aDone + 1);
    // The second attempt starts an hour after the crash: the hour is no active time.
    let now = cut.at(-1)!.at + 3_600_000;
    const second = await collectRun({ graph: g, goal: 'x', provider, replay: cut, clock: () => now++ });
    const completed = eventsOfType(second.events, 'run.completed')[0]!;
    expect(completed.modelCalls).toBe(2);
    expect(completed.usage).toEqual({ inputTokens: 20, outputTokens: 10, totalTokens: 30 });
    expect(completed.activeMs).toBeLessThan(1000);
  });

  it('stops at the model-call budget counting the calls made before the crash', async () => {
    const g = graph(
      [node('in', 'input'), node('a', 'specialist'), node('b', 'specialist'), node('out', 'output')],
      [edge('in', 'a'), edge('a', 'b'), edge('b', 'out')],
    );
    const provider = createScriptedProvider(() => 'ok');
    const first = await collectRun({ graph: g, goal: 'x', provider });
    const aDone = first.events.findIndex((e) => e.type === 'action.completed' && e.stepKey?.startsWith('a'));
    const second = await collectRun({
      graph: g,
      goal: 'x',
      provider,
      replay: first.events.slice(0, aDone + 1),
      budget: { maxModelCalls: 1 },
    });
    expect(second.outcome.status).toBe('failed');
    expect(eventsOfType(second.events, 'budget.exceeded')[0]).toMatchObject({ limit: 'maxModelCalls', spent: 1 });
  });
});
