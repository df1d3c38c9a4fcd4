// Replay: given the first half of a run's log, completed steps are not requested again and the result is the same.
import { afterEach, describe, expect, it } from 'vitest';
import { verifyRunLog } from '../audit/seal';
import { createOpenAIProvider } from '../model/openai-provider';
import { collectRun, eventsOfType } from '../testing/collect-run';
import { loadExample } from '../testing/example-graphs';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../testing/fake-openai-server';
import { edge, graph, node } from '../testing/graphs';
import { createScriptedProvider } from '../testing/scripted-provider';

const servers: FakeOpenAIServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function runOnFreshServer(replay?: Parameters<typeof collectRun>[0]['replay']) {
  const server = await startFakeOpenAIServer();
  servers.push(server);
  const provider = createOpenAIProvider({
    apiKey: 'k',
    baseURL: server.baseURL,
    models: { fast: 'f', balanced: 'b', deep: 'd' },
  });
  const run = await collectRun({
    graph: loadExample('research-and-write'),
    goal: 'Write about the history of beekeeping',
    provider,
    ...(replay ? { replay } : {}),
  });
  return { ...run, server };
}

function llmSteps(events: Parameters<typeof eventsOfType>[0]) {
  const llm = new Set(
    eventsOfType(events, 'action.started')
      .filter((e) => e.actionType === 'llm_call')
      .map((e) => e.actionId),
  );
  return eventsOfType(events, 'action.completed')
    .filter((e) => llm.has(e.actionId))
    .map((e) => e.stepKey!);
}

describe('replay', () => {
  it('reuses the completed steps of the first half and ends with the same result', async () => {
    const first = await runOnFreshServer();
    expect(first.outcome.status).toBe('completed');
    const allSteps = llmSteps(first.events);
    const half = first.events.slice(0, Math.floor(first.events.length / 2));
    const doneInHalf = llmSteps(half);
    expect(doneInHalf.length).toBeGreaterThan(0);
    expect(doneInHalf.length).toBeLessThan(allSteps.length);

    const second = await runOnFreshServer(half);
    expect(second.outcome.status).toBe('completed');
    expect(second.server.requests).toHaveLength(allSteps.length - doneInHalf.length);
    expect(second.outcome.status === 'completed' && second.outcome.result).toEqual(
      first.outcome.status === 'completed' && first.outcome.result,
    );
    // The second attempt continues the same log: seq and chain go on from the replayed half.
    expect(eventsOfType(second.events, 'run.started')[0]?.attempt).toBe(2);
    const log = [...half, ...second.events];
    expect(verifyRunLog(log, { lastHash: log.at(-1)!.chain, count: log.length })).toEqual({ ok: true });
  });

  it('runs a started-but-unfinished step again as a new attempt', async () => {
    const first = await runOnFreshServer();
    const firstCall = eventsOfType(first.events, 'action.started').find((e) => e.actionType === 'llm_call')!;
    const cut = first.events.slice(0, first.events.indexOf(firstCall) + 1);
    const second = await runOnFreshServer(cut);
    const again = eventsOfType(second.events, 'action.started').find((e) => e.stepKey === firstCall.stepKey)!;
    expect(again.attempt).toBe(2);
    expect(second.server.requests).toHaveLength(llmSteps(first.events).length);
  });
});

describe('replay of human decisions', () => {
  it('reuses a recorded escalation decision instead of asking again', async () => {
    const contract = {
      name: 'sure',
      schema: { type: 'object', properties: { confidence: { type: 'number' } }, required: ['confidence'] },
      requiredConfidence: 0.8,
      onLowConfidence: 'escalate' as const,
    };
    const g = graph(
      [node('in', 'input'), node('a', 'specialist'), node('b', 'specialist'), node('out', 'output')],
      [edge('in', 'a'), edge('a', 'b', 'handoff', { contract }), edge('b', 'out')],
    );
    const provider = createScriptedProvider((r) => (r.agentName === 'a' ? '{"confidence": 0.2}' : 'fine'));
    let asked = 0;
    const first = await collectRun({
      graph: g,
      goal: 'x',
      provider,
      escalations: async () => {
        asked += 1;
        return { decision: 'edit', payload: { confidence: 0.95 } };
      },
    });
    expect(first.outcome.status).toBe('completed');
    const resolved = first.events.findIndex((e) => e.type === 'escalation.resolved');
    const second = await collectRun({
      graph: g,
      goal: 'x',
      provider,
      replay: first.events.slice(0, resolved + 1),
      escalations: async () => {
        throw new Error('a replayed decision must not be asked again');
      },
    });
    expect(second.outcome.status).toBe('completed');
    expect(asked).toBe(1);
    expect(eventsOfType(second.events, 'escalation.resolved')[0]).toMatchObject({
      decision: 'edit',
      payload: { confidence: 0.95 },
    });
    expect(provider.requests.at(-1)?.messages[1]?.content.text).toContain('0.95');
  });
});
