// Every example graph runs to completion through the real openai SDK against the fake server.
import type { RunEvent } from '@baton/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../model/openai-provider';
import { actionTreeProblems, collectRun, eventsOfType } from '../testing/collect-run';
import { loadExample } from '../testing/example-graphs';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../testing/fake-openai-server';

let server: FakeOpenAIServer;
beforeEach(async () => {
  server = await startFakeOpenAIServer();
});
afterEach(() => server.close());

const provider = () =>
  createOpenAIProvider({
    apiKey: 'sk-test',
    baseURL: server.baseURL,
    models: { fast: 'fake-fast', balanced: 'fake-balanced', deep: 'fake-deep' },
  });

function started(events: RunEvent[]) {
  return eventsOfType(events, 'action.started');
}

describe('example graphs through the openai provider', () => {
  it('research-and-write: the writer starts after the research it depends on, and the contract is checked', async () => {
    const { events, outcome } = await collectRun({
      graph: loadExample('research-and-write'),
      goal: 'Write a short article about honey bees',
      provider: provider(),
    });
    expect(actionTreeProblems(events)).toEqual([]);
    expect(outcome.status, JSON.stringify(events.at(-1))).toBe('completed');
    const dispatches = started(events).filter((e) => e.actionType === 'dispatch');
    expect(dispatches.map((e) => e.agentName).sort()).toEqual(['research', 'writer']);
    const researchCall = started(events).find((e) => e.actionType === 'llm_call' && e.agentName === 'research')!;
    const writerCall = started(events).find((e) => e.actionType === 'llm_call' && e.agentName === 'writer')!;
    const researchDone = eventsOfType(events, 'action.completed').find((e) => e.actionId === researchCall.actionId)!;
    expect(writerCall.seq).toBeGreaterThan(researchDone.seq);
    const validated = eventsOfType(events, 'handoff.validated').find((e) => e.edgeId === 'research-writer');
    expect(validated).toMatchObject({ contractName: 'research_findings', outcome: 'passed', confidence: 0.9 });
    // The writer's request carries the research result inside a wrapper, after the research request was answered.
    const writerRequest = server.requests.find((r) =>
      r.body.messages.some((m) => m.content?.includes('research (subtask')),
    );
    expect(writerRequest).toBeDefined();
    // Tree: every action but node activations has a parent that started before it.
    const byId = new Map(started(events).map((e) => [e.actionId, e]));
    for (const event of started(events)) {
      if (event.actionType === 'node') expect(event.parentActionId).toBeNull();
      else expect(byId.get(event.parentActionId!)!.seq).toBeLessThan(event.seq);
    }
    expect(started(events).filter((e) => e.actionType === 'synthesis')).toHaveLength(1);
  });

  it('specialist-routing: one route taken, the others skipped', async () => {
    const { events, outcome } = await collectRun({
      graph: loadExample('specialist-routing'),
      goal: 'Please review this code change for bugs',
      provider: provider(),
    });
    expect(actionTreeProblems(events)).toEqual([]);
    expect(outcome.status).toBe('completed');
    const route = eventsOfType(events, 'action.completed').find((e) => (e.output as { chosen?: string })?.chosen);
    expect(route?.output).toMatchObject({ chosen: 'code_review' });
    expect(
      eventsOfType(events, 'action.skipped')
        .map((e) => e.agentId)
        .sort(),
    ).toEqual(['content_writing', 'data_analysis', 'general', 'security_audit']);
    expect(server.requests[0]?.body.model).toBe('fake-fast');
  });

  it('peer-review: one revision, then approved; the draft goes on', async () => {
    const { events, outcome } = await collectRun({
      graph: loadExample('peer-review'),
      goal: 'Write a product announcement',
      provider: provider(),
    });
    expect(actionTreeProblems(events)).toEqual([]);
    expect(outcome.status).toBe('completed');
    expect(started(events).filter((e) => e.actionType === 'review')).toHaveLength(2);
    const revision = started(events).find((e) => e.actionType === 'revision');
    expect(revision?.agentId).toBe('writer');
    expect(outcome.status === 'completed' && typeof outcome.result).toBe('string');
  });

  it('peer-mesh: the peers agree in the second round, then the mesh synthesises', async () => {
    const { events, outcome } = await collectRun({
      graph: loadExample('peer-mesh'),
      goal: 'Should we adopt a four-day week?',
      provider: provider(),
    });
    expect(actionTreeProblems(events)).toEqual([]);
    expect(outcome.status).toBe('completed');
    expect(started(events).filter((e) => e.actionType === 'mesh_round')).toHaveLength(2);
    const calls = started(events)
      .filter((e) => e.actionType === 'llm_call')
      .map((e) => e.agentId);
    expect(calls.filter((id) => id === 'advocate')).toHaveLength(2);
    expect(calls.at(-1)).toBe('panel');
    // In round 2 each peer sees the two others' messages, as data.
    const round2 = server.requests.filter((r) => r.body.messages.some((m) => m.content?.includes('Round 2 of')));
    expect(round2).toHaveLength(3);
    for (const request of round2)
      expect(request.body.messages[1]?.content?.match(/<agent_data_n0nce/g)).toHaveLength(2);
  });
});
