// The mapping on real runs of every example (real engine, simulated model): one trace, the span tree equal to the
// action tree, the GenAI names and attributes, the events' times, no content unless asked.
import type { RunEvent } from '@baton/contracts';
import * as engine from '@baton/engine';
import { collectRun, EXAMPLE_NAMES, eventsOfType, loadExample } from '@baton/engine/testing';
import { describe, expect, it } from 'vitest';
import { type MappedSpan, spansFromEvents } from './spans-from-events';
import { actionSpanIdOf, runSpanIdOf, traceIdOf } from './trace-ids';

const provider = () => engine.createSimulatedProvider({ callDelayMs: 0, tokenDelayMs: 0, confidence: 0.95 });
const plain = { captureContent: false, scrub: (t: string) => t };

async function exampleRun(name: (typeof EXAMPLE_NAMES)[number]) {
  const graph = loadExample(name);
  const { events } = await collectRun({ graph, goal: 'the tides', provider: provider() });
  return { graph, events };
}

/** The action tree as the log tells it: each action id with its parent, from `action.started` / `action.skipped`. */
function actionTree(events: RunEvent[]): Map<string, string | null> {
  const tree = new Map<string, string | null>();
  for (const e of events)
    if ((e.type === 'action.started' || e.type === 'action.skipped') && !tree.has(e.actionId))
      tree.set(e.actionId, e.parentActionId);
  return tree;
}

const byName = (spans: MappedSpan[], prefix: string) => spans.filter((s) => s.name.startsWith(prefix));

describe('spans from a run log', () => {
  it('names a tool call by the tool it ran, with gen_ai.tool.name', async () => {
    const { graph, events } = await exampleRun('calculator-tools');
    const spans = byName(spansFromEvents(events, { graphName: graph.name, ...plain }), 'execute_tool ');
    expect(spans.length).toBeGreaterThan(0);
    for (const span of spans) {
      expect(span.name).toBe('execute_tool calculator');
      expect(span.attributes['gen_ai.tool.name']).toBe('calculator');
    }
  });

  it('exports the finish reason each model call recorded, and none for a call recorded without one', async () => {
    const { graph, events } = await exampleRun('calculator-tools');
    const chats = () => byName(spansFromEvents(events, { graphName: graph.name, ...plain }), 'chat ');
    // The analyst's first round asks for the calculator, its second answers.
    expect(chats().map((s) => s.attributes['gen_ai.response.finish_reasons'])).toEqual([['tool_calls'], ['stop']]);
    const older = events.map((e) => {
      if (e.type !== 'action.completed' || !e.finishReason) return e;
      const { finishReason: _dropped, ...rest } = e;
      return rest;
    });
    const spans = byName(spansFromEvents(older, { graphName: graph.name, ...plain }), 'chat ');
    expect(spans.map((s) => 'gen_ai.response.finish_reasons' in s.attributes)).toEqual([false, false]);
  });

  it.each(EXAMPLE_NAMES)('%s: one trace whose span tree is the action tree, with the events’ times', async (name) => {
    const { graph, events } = await exampleRun(name);
    const spans = spansFromEvents(events, { graphName: graph.name, ...plain });
    const runId = events[0]!.runId;
    const tree = actionTree(events);

    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([traceIdOf(runId)]));
    expect(spans).toHaveLength(tree.size + 1);
    const root = spans[0]!;
    expect(root).toMatchObject({
      name: `invoke_workflow ${graph.name}`,
      parentSpanId: null,
      spanId: runSpanIdOf(runId),
    });
    expect(root.startMs).toBe(events[0]!.at);
    expect(root.endMs).toBe(events.at(-1)!.at);
    expect(root.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_workflow',
      'baton.run.status': 'completed',
    });

    for (const [actionId, parent] of tree) {
      const span = spans.find((s) => s.spanId === actionSpanIdOf(runId, actionId))!;
      expect(span.parentSpanId).toBe(parent === null ? root.spanId : actionSpanIdOf(runId, parent));
      const started = events.find((e) => e.type === 'action.started' && e.actionId === actionId);
      const ended = events.find(
        (e) => (e.type === 'action.completed' || e.type === 'action.failed') && e.actionId === actionId,
      );
      if (started) expect([span.startMs, span.endMs]).toEqual([started.at, ended!.at]);
    }
    for (const span of spans) expect(typeof span.attributes['gen_ai.operation.name']).toBe('string');
    expect(new Set(spans.map((s) => s.spanId)).size).toBe(spans.length);
  });

  it('node activations are invoke_agent spans and model calls chat spans, in the GenAI conventions', async () => {
    const { graph, events } = await exampleRun('research-and-write');
    const spans = spansFromEvents(events, { graphName: graph.name, ...plain });
    const nodes = eventsOfType(events, 'action.started').filter((e) => e.actionType === 'node');
    const agents = byName(spans, 'invoke_agent ');
    expect(agents.map((s) => s.name).sort()).toEqual(nodes.map((n) => `invoke_agent ${n.agentName}`).sort());
    for (const span of agents)
      expect(span.attributes).toMatchObject({
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': expect.any(String),
        'gen_ai.agent.id': expect.any(String),
      });

    const calls = eventsOfType(events, 'action.completed').filter((e) =>
      eventsOfType(events, 'action.started').some((s) => s.actionId === e.actionId && s.actionType === 'llm_call'),
    );
    const chats = byName(spans, 'chat ');
    expect(chats).toHaveLength(calls.length);
    expect(chats.length).toBeGreaterThan(0);
    for (const span of chats) {
      const done = calls.find((c) => actionSpanIdOf(c.runId, c.actionId) === span.spanId)!;
      expect(span.kind).toBe('client');
      expect(span.name).toBe(`chat ${span.attributes['gen_ai.request.model']}`);
      expect(span.attributes).toMatchObject({
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'baton.simulated',
        'gen_ai.response.model': done.model,
        'gen_ai.response.finish_reasons': [done.finishReason],
        'gen_ai.usage.input_tokens': done.usage!.inputTokens,
        'gen_ai.usage.output_tokens': done.usage!.outputTokens,
        'baton.step_key': expect.any(String),
      });
      expect(Object.keys(span.attributes).filter((k) => k.includes('messages') || k.includes('instructions'))).toEqual(
        [],
      );
    }
    const decompose = byName(spans, 'decompose ')[0]!;
    expect(decompose.attributes).toMatchObject({
      'gen_ai.operation.name': 'baton.decompose',
      'baton.input_hash': expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('routes carry the decision, handoffs their contract and confidence', async () => {
    const routing = await exampleRun('specialist-routing');
    const spans = spansFromEvents(routing.events, { graphName: routing.graph.name, ...plain });
    expect(byName(spans, 'route ')[0]!.attributes['baton.decision']).toEqual(expect.any(String));
    const contracted = spans.filter((s) => s.attributes['baton.contract'] !== undefined);
    const validated = eventsOfType(routing.events, 'handoff.validated').filter((e) => e.contractName !== null);
    expect(contracted.length).toBe(validated.length);
  });

  it('an escalation carries its contract, confidence and the person’s decision', async () => {
    const graph = loadExample('research-and-write');
    const low = engine.createSimulatedProvider({ callDelayMs: 0, tokenDelayMs: 0, confidence: 0.2 });
    const { events } = await collectRun({ graph, goal: 'the tides', provider: low });
    const requested = eventsOfType(events, 'escalation.requested');
    expect(requested.length).toBeGreaterThan(0);
    const spans = spansFromEvents(events, { graphName: graph.name, ...plain });
    const span = spans.find((s) => s.spanId === actionSpanIdOf(requested[0]!.runId, requested[0]!.actionId))!;
    expect(span.name).toMatch(/^escalation /);
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'baton.escalation',
      'baton.escalation.id': requested[0]!.escalationId,
      'baton.contract': requested[0]!.contract.name,
      'baton.confidence': 0.2,
      'baton.decision': 'approve',
    });
  });

  it('content only when asked, and scrubbed', async () => {
    const { graph, events } = await exampleRun('peer-review');
    const spans = spansFromEvents(events, {
      graphName: graph.name,
      captureContent: true,
      scrub: (t) => t.replaceAll('the tides', '[secret]'),
    });
    const chat = byName(spans, 'chat ')[0]!;
    const input = JSON.parse(chat.attributes['gen_ai.input.messages'] as string) as { role: string }[];
    expect(input[0]!.role).toBe('user');
    expect(JSON.parse(chat.attributes['gen_ai.output.messages'] as string)[0].role).toBe('assistant');
    const all = JSON.stringify(spans.map((s) => s.attributes));
    expect(all).not.toContain('the tides');
    expect(all).toContain('[secret]');
  });

  it('a run still going has no run span, and its open actions none either', async () => {
    const { graph, events } = await exampleRun('research-and-write');
    const cut = events.slice(0, Math.floor(events.length / 2));
    const spans = spansFromEvents(cut, { graphName: graph.name, ...plain });
    expect(spans.some((s) => s.name.startsWith('invoke_workflow'))).toBe(false);
    const endedIds = new Set(
      cut.filter((e) => e.type === 'action.completed' || e.type === 'action.failed').map((e) => e.actionId),
    );
    expect(spans.map((s) => s.spanId).sort()).toEqual(
      [...endedIds].map((id) => actionSpanIdOf(cut[0]!.runId, id)).sort(),
    );
  });
});
