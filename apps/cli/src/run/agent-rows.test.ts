import { createSimulatedProvider } from '@baton/engine';
import { collectRun, EXAMPLE_NAMES, loadExample } from '@baton/engine/testing';
import { describe, expect, it } from 'vitest';
import { AgentRows } from './agent-rows';

const provider = (confidence = 0.9) => createSimulatedProvider({ callDelayMs: 0, tokenDelayMs: 0, confidence });

describe('AgentRows', () => {
  it.each(EXAMPLE_NAMES)('ends every agent of %s completed or skipped, with the run’s own totals', async (name) => {
    const { events, outcome } = await collectRun({ graph: loadExample(name), goal: 'Tides', provider: provider() });
    const rows = new AgentRows();
    for (const event of events) rows.apply(event);
    const agents = loadExample(name).nodes.map((node) => node.id);
    expect([...rows.rows.keys()].sort()).toEqual([...agents].sort());
    for (const row of rows.rows.values()) expect(['completed', 'skipped']).toContain(row.state);
    expect(rows.usage).toEqual(outcome.usage);
    expect(rows.modelCalls).toBe(outcome.modelCalls);
  });

  it('shows an agent waiting while its handoff waits for a person, and done once it is decided', async () => {
    const { events } = await collectRun({
      graph: loadExample('research-and-write'),
      goal: 'Tides',
      provider: provider(0.5),
    });
    const rows = new AgentRows();
    let waitingWhileAsked = -1;
    for (const event of events) {
      rows.apply(event);
      if (event.type === 'escalation.requested') waitingWhileAsked = rows.rows.get('research')!.waiting;
    }
    expect(waitingWhileAsked).toBe(1);
    expect(rows.rows.get('research')).toMatchObject({ state: 'completed', waiting: 0 });
  });
});
