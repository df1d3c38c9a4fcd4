import { describe, expect, it } from 'vitest';
import { agent, edge, graph, input, issuesOf, output, specialist } from './test-graph';

const peer = (id: string, mesh: string) => specialist(id, { parentId: mesh });

const DISCONNECTED = (label: string) =>
  `${label} is not connected to the run: nothing leads to it from the input "input", and it leads to no output. Connect it between them, or remove it.`;
const UNREACHABLE = (label: string) =>
  `${label} is not reached from the input "input", so it would never run: connect an edge into it from the input or from an agent the input leads to.`;
const DEAD_END = (label: string) =>
  `${label} leads to no output, so its work would reach no result: connect it to an output, or to an agent that leads to one.`;
const OUTPUT_UNREACHED = (name: string) =>
  `The output "${name}" is not reached from the input "input": no edges lead to it, so a run would leave it empty. Connect the input, or an agent the input leads to, to it.`;

describe('graph rules: connectedness', () => {
  it('accepts the starter graph, input -> output', () => {
    expect(issuesOf(graph([input(), output()], [edge('handoff', 'in', 'out')]))).toEqual([]);
  });

  it('refuses the starter graph with its edge deleted, on the output', () => {
    expect(issuesOf(graph([input(), output()], []))).toEqual([
      { code: 'unreachable', path: ['nodes', 1], message: OUTPUT_UNREACHED('output'), nodeId: 'out' },
    ]);
  });

  it('refuses an agent with no edges, even beside a working path', () => {
    const g = graph([input(), specialist('lonely'), output()], [edge('handoff', 'in', 'out')]);
    expect(issuesOf(g)).toEqual([
      {
        code: 'disconnected',
        path: ['nodes', 1],
        message: DISCONNECTED('The specialist "lonely"'),
        nodeId: 'lonely',
      },
    ]);
  });

  it('refuses a graph whose only agent has no edges: the agent and the output', () => {
    expect(issuesOf(graph([input(), specialist('writer'), output()], []))).toEqual([
      { code: 'disconnected', path: ['nodes', 1], message: DISCONNECTED('The specialist "writer"'), nodeId: 'writer' },
      { code: 'unreachable', path: ['nodes', 2], message: OUTPUT_UNREACHED('output'), nodeId: 'out' },
    ]);
  });

  it('refuses an agent the input reaches that leads nowhere', () => {
    const g = graph(
      [input(), specialist('writer'), specialist('stray'), output()],
      [edge('handoff', 'in', 'writer'), edge('handoff', 'writer', 'out'), edge('handoff', 'writer', 'stray')],
    );
    expect(issuesOf(g)).toEqual([
      { code: 'dead_end', path: ['nodes', 2], message: DEAD_END('The specialist "stray"'), nodeId: 'stray' },
    ]);
  });

  it('refuses an agent that leads to the output but that the input never reaches', () => {
    const g = graph(
      [input(), specialist('writer'), specialist('orphan'), output()],
      [edge('handoff', 'in', 'writer'), edge('handoff', 'writer', 'out'), edge('handoff', 'orphan', 'writer')],
    );
    expect(issuesOf(g)).toEqual([
      { code: 'unreachable', path: ['nodes', 2], message: UNREACHABLE('The specialist "orphan"'), nodeId: 'orphan' },
    ]);
  });

  it('refuses an output that nothing reaches, among outputs that are reached', () => {
    const g = graph(
      [input(), specialist('writer'), output('out'), output('notes', 'notes')],
      [edge('handoff', 'in', 'writer'), edge('handoff', 'writer', 'out')],
    );
    expect(issuesOf(g)).toEqual([
      { code: 'unreachable', path: ['nodes', 3], message: OUTPUT_UNREACHED('notes'), nodeId: 'notes' },
    ]);
  });

  describe('orchestrators: workers are reached and lead on through their orchestrator', () => {
    const team = () =>
      graph(
        [input(), agent('orchestrator', 'lead'), specialist('research'), specialist('writer'), output()],
        [
          edge('handoff', 'in', 'lead'),
          edge('dispatch', 'lead', 'research'),
          edge('dispatch', 'lead', 'writer'),
          edge('handoff', 'research', 'writer'),
          edge('handoff', 'lead', 'out'),
        ],
      );

    it('accepts workers whose only edges are their dispatch and a handoff between workers', () => {
      expect(issuesOf(team())).toEqual([]);
    });

    it('refuses an orchestrator connected to nothing, and its workers with it', () => {
      const g = team();
      g.edges = g.edges.filter((e) => e.id !== 'in-lead' && e.id !== 'lead-out');
      g.edges.push(edge('handoff', 'in', 'out'));
      expect(issuesOf(g)).toEqual([
        {
          code: 'disconnected',
          path: ['nodes', 1],
          message: DISCONNECTED('The orchestrator "lead"'),
          nodeId: 'lead',
        },
        {
          code: 'disconnected',
          path: ['nodes', 2],
          message: DISCONNECTED('The specialist "research"'),
          nodeId: 'research',
        },
        {
          code: 'disconnected',
          path: ['nodes', 3],
          message: DISCONNECTED('The specialist "writer"'),
          nodeId: 'writer',
        },
      ]);
    });

    it('does not let a worker carry its orchestrator to the output: the orchestrator hands on the synthesis', () => {
      const g = team();
      g.edges = g.edges.filter((e) => e.id !== 'lead-out');
      g.edges.push(edge('handoff', 'writer', 'out'));
      expect(issuesOf(g)).toEqual([
        { code: 'dead_end', path: ['nodes', 1], message: DEAD_END('The orchestrator "lead"'), nodeId: 'lead' },
      ]);
    });
  });

  describe('meshes: peers are reached and lead on through their mesh', () => {
    const panel = (edges: ReturnType<typeof edge>[]) =>
      graph([input(), agent('mesh', 'panel'), peer('a', 'panel'), peer('b', 'panel'), output()], edges);

    it('accepts a mesh between the input and the output; its peers have no edges', () => {
      expect(issuesOf(panel([edge('handoff', 'in', 'panel'), edge('handoff', 'panel', 'out')]))).toEqual([]);
    });

    it('refuses a mesh connected to nothing, once, on the mesh (not on each peer)', () => {
      expect(issuesOf(panel([edge('handoff', 'in', 'out')]))).toEqual([
        { code: 'disconnected', path: ['nodes', 1], message: DISCONNECTED('The mesh "panel"'), nodeId: 'panel' },
      ]);
    });

    it('refuses a mesh the input reaches that leads nowhere', () => {
      expect(issuesOf(panel([edge('handoff', 'in', 'panel'), edge('handoff', 'in', 'out')]))).toEqual([
        { code: 'dead_end', path: ['nodes', 1], message: DEAD_END('The mesh "panel"'), nodeId: 'panel' },
      ]);
    });
  });

  describe('routers: every category must lead on', () => {
    const triage = () =>
      graph(
        [input(), agent('router', 'triage'), specialist('billing'), specialist('tech'), output()],
        [
          edge('handoff', 'in', 'triage'),
          edge('route', 'triage', 'billing'),
          edge('route', 'triage', 'tech', { fallback: true }),
          edge('handoff', 'billing', 'out'),
          edge('handoff', 'tech', 'out'),
        ],
      );

    it('accepts a router whose categories all lead to the output', () => {
      expect(issuesOf(triage())).toEqual([]);
    });

    it('refuses a category that leads nowhere', () => {
      const g = triage();
      g.edges = g.edges.filter((e) => e.id !== 'tech-out');
      expect(issuesOf(g)).toEqual([
        { code: 'dead_end', path: ['nodes', 3], message: DEAD_END('The specialist "tech"'), nodeId: 'tech' },
      ]);
    });
  });

  describe('reviewers: the producer leads on through its reviewer', () => {
    const review = () =>
      graph(
        [input(), specialist('writer'), agent('reviewer', 'editor'), output()],
        [edge('handoff', 'in', 'writer'), edge('review', 'writer', 'editor'), edge('handoff', 'editor', 'out')],
      );

    it('accepts input -> producer -review-> reviewer -> output', () => {
      expect(issuesOf(review())).toEqual([]);
    });

    it('refuses a reviewer that hands the draft to nobody, and its producer, whose drafts go only there', () => {
      const g = review();
      g.edges = g.edges.filter((e) => e.id !== 'editor-out');
      g.edges.push(edge('handoff', 'in', 'out'));
      expect(issuesOf(g)).toEqual([
        { code: 'dead_end', path: ['nodes', 1], message: DEAD_END('The specialist "writer"'), nodeId: 'writer' },
        { code: 'dead_end', path: ['nodes', 2], message: DEAD_END('The reviewer "editor"'), nodeId: 'editor' },
      ]);
    });
  });

  it('says nothing when there is no input or no output: the structure rules ask for them first', () => {
    const codes = (g: unknown) => issuesOf(g).map((issue) => issue.code);
    expect(codes(graph([specialist('writer'), output()], []))).toEqual(['input_count']);
    expect(codes(graph([input(), specialist('writer')], [edge('handoff', 'in', 'writer')]))).toEqual([
      'output_missing',
    ]);
  });

  it('walks a 4,000-node chain without overflowing the stack', () => {
    const nodes = [input(), ...Array.from({ length: 4000 }, (_, i) => specialist(`n${i}`)), output()];
    const edges = [edge('handoff', 'in', 'n0'), edge('handoff', 'n3999', 'out')];
    for (let i = 1; i < 4000; i++) edges.push(edge('handoff', `n${i - 1}`, `n${i}`));
    expect(issuesOf(graph(nodes, edges))).toEqual([]);
    edges.splice(2000, 1); // cuts n1998 -> n1999: the first half leads nowhere, the second (and the output) is never reached
    const issues = issuesOf(graph(nodes, edges));
    expect(issues.filter((issue) => issue.code === 'dead_end')).toHaveLength(1999);
    expect(issues.filter((issue) => issue.code === 'unreachable')).toHaveLength(2002);
  });
});
