// Handoff contracts through the real openai SDK against the fake server: invalid payloads, repair, low confidence.
import type { HandoffContract, JsonValue, RunEvent } from '@baton/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../model/openai-provider';
import type { EscalationHandler } from '../run-options';
import { actionTreeProblems, collectRun, eventsOfType } from '../testing/collect-run';
import { type FakeOpenAIServer, type FakeReply, startFakeOpenAIServer } from '../testing/fake-openai-server';
import { edge, graph, node } from '../testing/graphs';
import { runGraph } from './run-graph';

let server: FakeOpenAIServer;
beforeEach(async () => {
  server = await startFakeOpenAIServer();
});
afterEach(() => server.close());

const provider = () =>
  createOpenAIProvider({ apiKey: 'k', baseURL: server.baseURL, models: { fast: 'f', balanced: 'b', deep: 'd' } });

function contractGraph(onLowConfidence: HandoffContract['onLowConfidence'] = 'escalate') {
  const contract: HandoffContract = {
    name: 'findings',
    schema: {
      type: 'object',
      properties: { findings: { type: 'array', items: { type: 'string' } }, confidence: { type: 'number' } },
      required: ['findings', 'confidence'],
    },
    requiredConfidence: 0.7,
    onLowConfidence,
  };
  return graph(
    [
      node('in', 'input'),
      node('research', 'specialist', { instructions: 'Research.' }),
      node('writer', 'specialist', { instructions: 'Write.' }),
      node('out', 'output'),
    ],
    [edge('in', 'research'), edge('research', 'writer', 'handoff', { contract }), edge('writer', 'out')],
  );
}

/** Research answers with the scripted payloads in order; everyone else with the default. */
function researchSays(...payloads: JsonValue[]) {
  const queue = [...payloads];
  server.setResponder((r): FakeReply | undefined =>
    r.body.messages[0]?.content === 'Research.' && queue.length > 0 ? { json: queue.shift() } : undefined,
  );
}

const writerRequest = () => server.requests.find((r) => r.body.messages[0]?.content === 'Write.');

describe('handoff contracts', () => {
  it('asks the producer once to repair an invalid payload, with the errors', async () => {
    researchSays({ findings: 'not a list', confidence: 0.9 }, { findings: ['bees dance'], confidence: 0.9 });
    const { outcome, events } = await collectRun({ graph: contractGraph(), goal: 'x', provider: provider() });
    expect(actionTreeProblems(events)).toEqual([]);
    expect(outcome.status).toBe('completed');
    const rejected = eventsOfType(events, 'handoff.rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({
      reason: 'invalid_payload',
      willRepair: true,
      errors: [{ path: ['findings'] }],
    });
    const repair = server.requests[1]!;
    expect(repair.body.messages.at(-1)?.content).toContain('$.findings');
    expect(writerRequest()?.body.messages[1]?.content).toContain('bees dance');
  });

  it('fails the branch with the JSON path when the repair is invalid too', async () => {
    researchSays({ findings: 'no', confidence: 0.9 }, { findings: [1], confidence: 0.9 });
    const { outcome, events } = await collectRun({ graph: contractGraph(), goal: 'x', provider: provider() });
    expect(actionTreeProblems(events)).toEqual([]);
    expect(outcome.status).toBe('failed');
    expect(events.at(-1)).toMatchObject({
      type: 'run.failed',
      error: { code: 'handoff_invalid_payload', path: ['findings', 0] },
    });
    expect(writerRequest()).toBeUndefined();
  });

  const lowConfidence = { findings: ['maybe'], confidence: 0.3 };

  it('escalates a low-confidence payload and goes on when a person approves; the run waits meanwhile', async () => {
    researchSays(lowConfidence);
    let decide: () => void = () => {};
    const decided = new Promise<void>((resolve) => {
      decide = resolve;
    });
    const escalations: EscalationHandler = async (request) => {
      expect(request).toMatchObject({ edgeId: 'research->writer', confidence: 0.3, payload: lowConfidence });
      await decided;
      return { decision: 'approve' };
    };
    const handle = runGraph({
      runId: 'r',
      graphVersion: 1,
      graph: contractGraph(),
      goal: 'x',
      provider: provider(),
      escalations,
    });
    const events: RunEvent[] = [];
    for await (const event of handle.events) {
      events.push(event);
      // The person decides only once the run says it is waiting for them.
      if (event.type === 'run.waiting') decide();
    }
    expect((await handle.outcome).status).toBe('completed');
    const types = events.map((e) => e.type);
    expect(types.indexOf('escalation.requested')).toBeGreaterThan(0);
    expect(types.indexOf('escalation.requested')).toBeLessThan(types.indexOf('run.waiting'));
    expect(types.indexOf('run.waiting')).toBeLessThan(types.indexOf('escalation.resolved'));
    const edge = contractGraph().edges.find((e) => e.id === 'research->writer');
    const contract = edge?.kind === 'handoff' ? edge.contract : undefined;
    expect(eventsOfType(events, 'escalation.requested')[0]?.subject).toEqual({
      kind: 'handoff',
      edgeId: 'research->writer',
      sourceId: 'research',
      targetId: 'writer',
      contract,
    });
    expect(eventsOfType(events, 'escalation.resolved')[0]).toMatchObject({
      decision: 'approve',
      payload: lowConfidence,
    });
    expect(writerRequest()?.body.messages[1]?.content).toContain('maybe');
  });

  it('passes a person\u2019s edit on, validated again', async () => {
    researchSays(lowConfidence);
    const edited = { findings: ['checked by a person'], confidence: 1 };
    const { outcome } = await collectRun({
      graph: contractGraph(),
      goal: 'x',
      provider: provider(),
      escalations: async () => ({ decision: 'edit', payload: edited }),
    });
    expect(outcome.status).toBe('completed');
    expect(writerRequest()?.body.messages[1]?.content).toContain('checked by a person');
    expect(writerRequest()?.body.messages[1]?.content).not.toContain('maybe');
  });

  it('fails the branch when the edit breaks the contract', async () => {
    researchSays(lowConfidence);
    const { outcome, events } = await collectRun({
      graph: contractGraph(),
      goal: 'x',
      provider: provider(),
      escalations: async () => ({ decision: 'edit', payload: { findings: 'oops', confidence: 1 } }),
    });
    expect(actionTreeProblems(events)).toEqual([]);
    expect(outcome.status).toBe('failed');
    expect(events.at(-1)).toMatchObject({ error: { code: 'handoff_invalid_payload', path: ['findings'] } });
  });

  it('fails the branch when a person rejects', async () => {
    researchSays(lowConfidence);
    const { outcome, events } = await collectRun({
      graph: contractGraph(),
      goal: 'x',
      provider: provider(),
      escalations: async () => ({ decision: 'reject', note: 'made up' }),
    });
    expect(actionTreeProblems(events)).toEqual([]);
    expect(outcome.status).toBe('failed');
    expect(eventsOfType(events, 'handoff.rejected')[0]?.reason).toBe('rejected_by_person');
    expect(events.at(-1)).toMatchObject({ error: { code: 'handoff_rejected_by_person' } });
    expect(writerRequest()).toBeUndefined();
  });

  it('goes on with a warning under "proceed", and fails under "fail"', async () => {
    researchSays(lowConfidence);
    const proceeded = await collectRun({ graph: contractGraph('proceed'), goal: 'x', provider: provider() });
    expect(proceeded.outcome.status).toBe('completed');
    expect(
      eventsOfType(proceeded.events, 'handoff.validated').find((e) => e.edgeId === 'research->writer'),
    ).toMatchObject({
      outcome: 'low_confidence_proceeded',
      warning: expect.stringContaining('0.3'),
    });
    researchSays(lowConfidence);
    const failed = await collectRun({ graph: contractGraph('fail'), goal: 'x', provider: provider() });
    expect(failed.outcome.status).toBe('failed');
    expect(failed.events.at(-1)).toMatchObject({ error: { code: 'handoff_low_confidence' } });
  });
});
