// The fifth example offline: the simulated provider calls the calculator (arguments from its input schema), the
// real calculator answers in its worker, and the analyst's answer carries the result.
import { describe, expect, it } from 'vitest';
import { createSimulatedProvider } from '../model/simulated-provider';
import { actionTreeProblems, collectRun, eventsOfType } from '../testing/collect-run';
import { loadExample } from '../testing/example-graphs';
import { edge, graph, node } from '../testing/graphs';
import type { ToolSource } from './source';

describe('the calculator-tools example', { timeout: 30_000 }, () => {
  it('runs offline: one calculator call, its result in the answer', async () => {
    const { events, outcome } = await collectRun({
      graph: loadExample('calculator-tools'),
      goal: 'What is the square root of 16, doubled?',
      provider: createSimulatedProvider({ callDelayMs: 0, tokenDelayMs: 0 }),
    });
    expect(actionTreeProblems(events)).toEqual([]);
    expect(outcome.status, JSON.stringify(events.at(-1))).toBe('completed');
    const calls = eventsOfType(events, 'action.started').filter((e) => e.actionType === 'tool_call');
    expect(calls).toMatchObject([
      {
        stepKey: 'analyst/call:1/tool:1',
        tool: { source: 'builtin', name: 'calculator', arguments: { expression: 'sqrt(16) * 2' } },
      },
    ]);
    const done = eventsOfType(events, 'action.completed').find((e) => e.actionId === calls[0]!.actionId)!;
    expect(done.output).toEqual({ isError: false, content: [{ type: 'text', text: '8' }] });
    expect(outcome.status === 'completed' && outcome.result).toContain('Tool results: 8.');
    expect(eventsOfType(events, 'run.completed')[0]).toMatchObject({ toolCalls: 1 });
  });

  it('the simulated provider never makes up arguments for a tool with side effects', async () => {
    let calls = 0;
    const source: ToolSource = {
      name: 'mail',
      list: async () => [
        {
          name: 'send',
          description: 'Sends mail.',
          inputSchema: { type: 'object', properties: { to: { type: 'string' } } },
          sideEffects: true,
        },
      ],
      call: async () => {
        calls += 1;
        return { content: [{ type: 'text', text: 'sent' }] };
      },
    };
    const { outcome } = await collectRun({
      graph: graph(
        [
          node('in', 'input'),
          node('mailer', 'specialist', { tools: [{ source: 'mail', name: 'send' }] }),
          node('out', 'output'),
        ],
        [edge('in', 'mailer'), edge('mailer', 'out')],
      ),
      goal: 'Mail the team',
      provider: createSimulatedProvider({ callDelayMs: 0, tokenDelayMs: 0 }),
      tools: [source],
    });
    expect(outcome.status).toBe('completed');
    expect(calls).toBe(0);
  });

  it('a graph naming a tool no source has fails before any node runs', async () => {
    const { events, outcome } = await collectRun({
      graph: graph(
        [
          node('in', 'input'),
          node('a', 'specialist', { tools: [{ source: 'builtin', name: 'teleport' }] }),
          node('out', 'output'),
        ],
        [edge('in', 'a'), edge('a', 'out')],
      ),
      goal: 'Go',
      provider: createSimulatedProvider({ callDelayMs: 0, tokenDelayMs: 0 }),
    });
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'tool_unknown' } });
    expect((outcome as { error: { message: string } }).error.message).toContain('"teleport"');
    expect(eventsOfType(events, 'action.started')).toEqual([]);
  });
});
