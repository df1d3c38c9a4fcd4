// Router, reviewer and mesh edge cases with a scripted provider.
import { describe, expect, it } from 'vitest';
import { purposeOf } from '../run/infer-purpose';
import { collectRun, eventsOfType } from '../testing/collect-run';
import { edge, graph, node } from '../testing/graphs';
import { createScriptedProvider } from '../testing/scripted-provider';
import { isApproved } from './reviewer';
import { matchCategory } from './router';

const categories = [{ name: 'code_review' }, { name: 'data_analysis' }];

describe('router', () => {
  it('matches answers leniently: case, spaces, quotes, punctuation', () => {
    for (const answer of ['code_review', 'Code Review', '"code_review"', ' `CODE-REVIEW`.', 'Category: code_review']) {
      expect(matchCategory(answer, categories)?.name, answer).toBe('code_review');
    }
    expect(matchCategory('something else', categories)).toBeUndefined();
  });

  const routed = (fallback: boolean) =>
    graph(
      [
        node('in', 'input'),
        node('triage', 'router'),
        node('code_review', 'specialist'),
        node('data_analysis', 'specialist'),
        node('out', 'output'),
      ],
      [
        edge('in', 'triage'),
        edge('triage', 'code_review', 'route'),
        edge('triage', 'data_analysis', 'route', fallback ? { fallback: true } : {}),
        edge('code_review', 'out'),
        edge('data_analysis', 'out'),
      ],
    );

  it('takes the fallback route on an unknown answer and skips the other', async () => {
    const provider = createScriptedProvider((r) => (purposeOf(r).kind === 'route' ? 'poetry' : undefined));
    const { outcome, events } = await collectRun({ graph: routed(true), goal: 'x', provider });
    expect(outcome.status).toBe('completed');
    expect(eventsOfType(events, 'action.skipped').map((e) => e.agentId)).toEqual(['code_review']);
    // The chosen target gets the router's input unchanged: the goal.
    expect(provider.requests.at(-1)?.agentName).toBe('data_analysis');
  });

  it('fails clearly on an unknown answer without a fallback', async () => {
    const provider = createScriptedProvider((r) => (purposeOf(r).kind === 'route' ? 'poetry' : undefined));
    const { events } = await collectRun({ graph: routed(false), goal: 'x', provider });
    expect(events.at(-1)).toMatchObject({ type: 'run.failed', error: { code: 'route_unknown' } });
    expect((events.at(-1) as { error: { message: string } }).error.message).toContain('poetry');
  });
});

describe('reviewer', () => {
  it('reads APPROVED and REVISION NEEDED', () => {
    expect(isApproved('APPROVED')).toBe(true);
    expect(isApproved('approved, nice work')).toBe(true);
    expect(isApproved('REVISION NEEDED: not APPROVED yet')).toBe(false);
  });

  it('passes the last draft on marked approved: false after maxRevisions', async () => {
    let draft = 0;
    const provider = createScriptedProvider((r) => {
      if (purposeOf(r).kind === 'review') return 'REVISION NEEDED\n- still wrong';
      return `draft ${++draft}`;
    });
    const g = graph(
      [
        node('in', 'input'),
        node('writer', 'specialist'),
        node('editor', 'reviewer', { maxRevisions: 2 }),
        node('out', 'output'),
      ],
      [edge('in', 'writer'), edge('writer', 'editor', 'review'), edge('editor', 'out')],
    );
    const { outcome, events } = await collectRun({ graph: g, goal: 'x', provider });
    expect(outcome).toMatchObject({ status: 'completed', result: { approved: false, draft: 'draft 3' } });
    const started = eventsOfType(events, 'action.started');
    expect(started.filter((e) => e.actionType === 'review')).toHaveLength(3);
    expect(started.filter((e) => e.actionType === 'revision')).toHaveLength(2);
  });
});

describe('mesh', () => {
  it('stops at maxRounds when the peers never agree, then synthesises', async () => {
    const provider = createScriptedProvider((r) =>
      purposeOf(r).kind === 'mesh_turn'
        ? JSON.stringify({ message: `no from ${r.agentName}`, agree: false })
        : undefined,
    );
    const g = graph(
      [
        node('in', 'input'),
        node('panel', 'mesh', { maxRounds: 3 }),
        node('p1', 'specialist', {}, { parentId: 'panel' }),
        node('p2', 'specialist', {}, { parentId: 'panel' }),
        node('out', 'output'),
      ],
      [edge('in', 'panel'), edge('panel', 'out')],
    );
    const { outcome, events } = await collectRun({ graph: g, goal: 'x', provider });
    expect(outcome.status).toBe('completed');
    expect(eventsOfType(events, 'action.started').filter((e) => e.actionType === 'mesh_round')).toHaveLength(3);
    const synthesis = provider.requests.at(-1)!;
    expect(purposeOf(synthesis).kind).toBe('synthesis');
    expect(synthesis.messages[1]?.content.text).toContain('no from p1');
  });
});
