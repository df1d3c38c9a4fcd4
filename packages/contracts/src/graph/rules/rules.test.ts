import { describe, expect, it } from 'vitest';
import { agent, edge, graph, input, issuesOf, minimal, output, specialist } from './test-graph';

describe('graph rules: ids and names', () => {
  it('accepts the smallest valid graph', () => {
    expect(issuesOf(minimal())).toEqual([]);
  });

  it('refuses a node id used twice', () => {
    const g = minimal();
    g.nodes.push(specialist('writer', { data: { name: 'editor' } } as never));
    g.edges.push(edge('handoff', 'in', 'out'));
    expect(issuesOf(g)).toEqual([
      {
        code: 'duplicate_id',
        path: ['nodes', 3, 'id'],
        message:
          'The specialist "editor" has the id "writer", which the specialist "writer" already has: node ids must be unique.',
        nodeId: 'writer',
      },
    ]);
  });

  it('refuses an edge id used twice', () => {
    const g = minimal();
    g.edges.push({ ...edge('handoff', 'in', 'out'), id: 'in-writer' });
    expect(issuesOf(g)).toEqual([
      {
        code: 'duplicate_id',
        path: ['edges', 2, 'id'],
        message:
          'The handoff edge from "input" to "output" has the id "in-writer", which another edge already has: edge ids must be unique.',
        edgeId: 'in-writer',
      },
    ]);
  });

  it('refuses a name used twice', () => {
    const g = graph(
      [
        input(),
        specialist('a', { data: { name: 'writer' } } as never),
        specialist('b', { data: { name: 'writer' } } as never),
        output(),
      ],
      [edge('handoff', 'in', 'a'), edge('handoff', 'a', 'b'), edge('handoff', 'b', 'out')],
    );
    expect(issuesOf(g)).toEqual([
      {
        code: 'duplicate_name',
        path: ['nodes', 2, 'data', 'name'],
        message:
          'Two nodes are named "writer" (the specialist "a" and the specialist "b"): names must be unique, because they are what the models see.',
        nodeId: 'b',
      },
    ]);
  });

  it('refuses the same edge drawn twice', () => {
    const g = minimal();
    g.edges.push({ ...edge('handoff', 'writer', 'out'), id: 'again' });
    expect(issuesOf(g)).toEqual([
      {
        code: 'duplicate_edge',
        path: ['edges', 2],
        message: 'The handoff edge from "writer" to "output" is drawn twice: remove one of them.',
        edgeId: 'again',
      },
    ]);
  });
});

describe('graph rules: structure', () => {
  it('refuses edges whose ends do not exist', () => {
    const g = minimal();
    g.edges.push(edge('handoff', 'ghost', 'nowhere'));
    expect(issuesOf(g)).toEqual([
      {
        code: 'dangling_edge',
        path: ['edges', 2, 'source'],
        message: 'The handoff edge "ghost-nowhere" starts at "ghost", which is not a node of this graph.',
        edgeId: 'ghost-nowhere',
      },
      {
        code: 'dangling_edge',
        path: ['edges', 2, 'target'],
        message: 'The handoff edge "ghost-nowhere" ends at "nowhere", which is not a node of this graph.',
        edgeId: 'ghost-nowhere',
      },
    ]);
  });

  it('refuses a graph without an input', () => {
    const g = graph([specialist('writer'), output()], [edge('handoff', 'writer', 'out')]);
    expect(issuesOf(g)).toEqual([
      {
        code: 'input_count',
        path: ['nodes'],
        message: 'The graph has no input node: add one, it is where the goal of a run comes in.',
      },
    ]);
  });

  it('refuses a second input', () => {
    const g = minimal();
    g.nodes.push({ ...input('in2'), data: { name: 'second' } });
    g.edges.push(edge('handoff', 'in2', 'writer'));
    expect(issuesOf(g)).toEqual([
      {
        code: 'input_count',
        path: ['nodes', 3],
        message: 'The graph has 2 input nodes, and a run has only one entry: remove the input "second".',
        nodeId: 'in2',
      },
    ]);
  });

  it('refuses a graph without an output', () => {
    const g = graph([input(), specialist('writer')], [edge('handoff', 'in', 'writer')]);
    expect(issuesOf(g)).toEqual([
      {
        code: 'output_missing',
        path: ['nodes'],
        message: 'The graph has no output node: add one, it collects the result of a run.',
      },
    ]);
  });

  it('refuses an edge whose kind does not fit its ends', () => {
    const g = minimal();
    g.edges[1] = edge('dispatch', 'writer', 'out');
    expect(issuesOf(g)).toEqual([
      {
        code: 'edge_kind_mismatch',
        path: ['edges', 1, 'kind'],
        message:
          'A dispatch edge goes from an orchestrator to a specialist; this one goes from the specialist "writer" to the output "output".',
        edgeId: 'writer-out',
      },
      // A dispatch edge hands work to its target and takes the result back: it does not carry "writer" onward.
      {
        code: 'dead_end',
        path: ['nodes', 1],
        message:
          'The specialist "writer" leads to no output, so its work would reach no result: connect it to an output, or to an agent that leads to one.',
        nodeId: 'writer',
      },
    ]);
  });

  it('refuses a cycle and names its nodes in order', () => {
    const g = graph(
      [input(), specialist('a'), specialist('b'), specialist('c'), output()],
      [
        edge('handoff', 'in', 'a'),
        edge('handoff', 'a', 'b'),
        edge('handoff', 'b', 'c'),
        edge('handoff', 'c', 'a'),
        edge('handoff', 'c', 'out'),
      ],
    );
    expect(issuesOf(g)).toEqual([
      {
        code: 'cycle',
        path: ['edges', 3],
        message:
          'These nodes form a loop: "a" -> "b" -> "c" -> "a". Edges must not loop; revisions and debates loop inside reviewer and mesh nodes.',
        edgeId: 'c-a',
        nodeId: 'a',
      },
    ]);
  });

  it('refuses an edge from a node to itself', () => {
    const g = minimal();
    g.edges.push(edge('handoff', 'writer', 'writer'));
    expect(issuesOf(g)).toMatchObject([{ code: 'cycle', path: ['edges', 2], edgeId: 'writer-writer' }]);
  });

  it('finds a cycle along a 5,000-node chain without overflowing the stack', () => {
    const nodes = [input(), output()];
    const edges = [edge('handoff', 'in', 'n0')];
    for (let i = 0; i < 4990; i++) {
      nodes.push({ ...specialist(`n${i}`), data: { name: `n${i}` } });
      if (i > 0) edges.push(edge('handoff', `n${i - 1}`, `n${i}`));
    }
    edges.push(edge('handoff', 'n4989', 'n0'), edge('handoff', 'n4989', 'out'));
    const issues = issuesOf(graph(nodes, edges));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'cycle', edgeId: 'n4989-n0', nodeId: 'n0' });
  });
});

describe('graph rules: patterns', () => {
  it('refuses an orchestrator without workers', () => {
    const g = graph(
      [input(), agent('orchestrator', 'lead'), output()],
      [edge('handoff', 'in', 'lead'), edge('handoff', 'lead', 'out')],
    );
    expect(issuesOf(g)).toEqual([
      {
        code: 'orchestrator_without_worker',
        path: ['nodes', 1],
        message: 'The orchestrator "lead" has no workers: join at least one specialist to it with a dispatch edge.',
        nodeId: 'lead',
      },
    ]);
  });

  it('refuses a router without routes', () => {
    const g = graph(
      [input(), agent('router', 'triage'), output()],
      [edge('handoff', 'in', 'triage'), edge('handoff', 'in', 'out')],
    );
    expect(issuesOf(g)).toEqual([
      {
        code: 'router_without_route',
        path: ['nodes', 1],
        message: 'The router "triage" has no routes: join at least one agent to it with a route edge.',
        nodeId: 'triage',
      },
      {
        code: 'dead_end',
        path: ['nodes', 1],
        message:
          'The router "triage" leads to no output, so its work would reach no result: connect it to an output, or to an agent that leads to one.',
        nodeId: 'triage',
      },
    ]);
  });

  it('refuses a router with two fallback routes', () => {
    const g = graph(
      [input(), agent('router', 'triage'), specialist('a'), specialist('b'), output()],
      [
        edge('handoff', 'in', 'triage'),
        edge('route', 'triage', 'a', { fallback: true }),
        edge('route', 'triage', 'b', { fallback: true }),
        edge('handoff', 'a', 'out'),
        edge('handoff', 'b', 'out'),
      ],
    );
    expect(issuesOf(g)).toEqual([
      {
        code: 'router_fallbacks',
        path: ['edges', 2, 'fallback'],
        message: 'The router "triage" has 2 fallback routes (to "a", "b"): at most one route can be the fallback.',
        edgeId: 'triage-b',
        nodeId: 'triage',
      },
    ]);
  });

  it('refuses a reviewer with nothing to review, or with two producers', () => {
    const lonely = graph(
      [input(), specialist('writer'), agent('reviewer', 'editor'), output()],
      [edge('handoff', 'in', 'writer'), edge('handoff', 'writer', 'out'), edge('handoff', 'editor', 'out')],
    );
    expect(issuesOf(lonely)).toEqual([
      {
        code: 'review_producer',
        path: ['nodes', 2],
        message:
          'The reviewer "editor" has nothing to review: join the specialist that produces the draft to it with a review edge.',
        nodeId: 'editor',
      },
      {
        code: 'unreachable',
        path: ['nodes', 2],
        message:
          'The reviewer "editor" is not reached from the input "input", so it would never run: connect an edge into it from the input or from an agent the input leads to.',
        nodeId: 'editor',
      },
    ]);
    const crowded = graph(
      [input(), specialist('a'), specialist('b'), agent('reviewer', 'editor'), output()],
      [
        edge('handoff', 'in', 'a'),
        edge('handoff', 'in', 'b'),
        edge('review', 'a', 'editor'),
        edge('review', 'b', 'editor'),
        edge('handoff', 'editor', 'out'),
      ],
    );
    expect(issuesOf(crowded)).toEqual([
      {
        code: 'review_producer',
        path: ['nodes', 3],
        message: 'The reviewer "editor" reviews 2 producers: a reviewer reviews exactly one.',
        nodeId: 'editor',
      },
    ]);
  });

  it('refuses a reviewed producer that also hands off elsewhere, or has two reviewers', () => {
    const g = graph(
      [input(), specialist('writer'), agent('reviewer', 'editor'), agent('reviewer', 'critic'), output()],
      [
        edge('handoff', 'in', 'writer'),
        edge('review', 'writer', 'editor'),
        edge('review', 'writer', 'critic'),
        edge('handoff', 'writer', 'out'),
        edge('handoff', 'editor', 'out'),
        edge('handoff', 'critic', 'out'),
      ],
    );
    expect(issuesOf(g)).toEqual([
      {
        code: 'review_producer',
        path: ['edges', 2],
        message: 'The specialist "writer" has 2 reviewers: a producer can have only one.',
        edgeId: 'writer-critic',
        nodeId: 'writer',
      },
      {
        code: 'review_producer',
        path: ['edges', 3],
        message:
          'The specialist "writer" is reviewed, so its drafts go on only through its reviewer: draw the handoff edge to the output "output" from the reviewer instead.',
        edgeId: 'writer-out',
        nodeId: 'writer',
      },
    ]);
  });
});

describe('graph rules: meshes', () => {
  const mesh = (peers: string[]) =>
    graph(
      [input(), agent('mesh', 'panel'), ...peers.map((id) => specialist(id, { parentId: 'panel' })), output()],
      [edge('handoff', 'in', 'panel'), edge('handoff', 'panel', 'out')],
    );

  it('accepts a mesh of two peers', () => {
    expect(issuesOf(mesh(['a', 'b']))).toEqual([]);
  });

  it('refuses a mesh with fewer than two peers', () => {
    expect(issuesOf(mesh(['a']))).toEqual([
      {
        code: 'mesh_too_small',
        path: ['nodes', 1],
        message: 'The mesh "panel" has only 1 peer: place at least two specialists inside it.',
        nodeId: 'panel',
      },
    ]);
  });

  it('refuses a parentId that is not a mesh, or a peer that is not a specialist', () => {
    const g = mesh(['a', 'b']);
    g.nodes.push(specialist('c', { parentId: 'nowhere' }), specialist('d', { parentId: 'a' }));
    g.nodes.push({ ...agent('reviewer', 'r'), parentId: 'panel' });
    g.edges.push(edge('handoff', 'in', 'c'), edge('handoff', 'c', 'out'));
    const issues = issuesOf(g).filter((issue) => issue.code === 'mesh_parent');
    expect(issues).toEqual([
      {
        code: 'mesh_parent',
        path: ['nodes', 5, 'parentId'],
        message: 'The specialist "c" is placed inside "nowhere", which is not a node of this graph.',
        nodeId: 'c',
      },
      {
        code: 'mesh_parent',
        path: ['nodes', 6, 'parentId'],
        message: 'The specialist "d" is placed inside the specialist "a", but only a mesh can hold other nodes.',
        nodeId: 'd',
      },
      {
        code: 'mesh_parent',
        path: ['nodes', 7, 'parentId'],
        message: 'The reviewer "r" is placed inside the mesh "panel", but only specialists can be the peers of a mesh.',
        nodeId: 'r',
      },
    ]);
  });

  it('refuses edges to or from a peer', () => {
    const g = mesh(['a', 'b']);
    g.edges.push(edge('handoff', 'a', 'out'));
    expect(issuesOf(g)).toEqual([
      {
        code: 'mesh_peer_edge',
        path: ['edges', 2],
        message:
          'The specialist "a" is a peer of the mesh "panel", and peers have no edges: connect the mesh itself instead.',
        edgeId: 'a-out',
        nodeId: 'a',
      },
    ]);
  });
});

describe('graph rules: schemas and contracts', () => {
  const contract = (schema: Record<string, unknown>, requiredConfidence = 0) => {
    const g = graph(
      [input(), specialist('research'), specialist('writer'), output()],
      [
        edge('handoff', 'in', 'research'),
        edge('handoff', 'research', 'writer', { contract: { name: 'findings', schema, requiredConfidence } }),
        edge('handoff', 'writer', 'out'),
      ],
    );
    return issuesOf(g);
  };

  it('refuses a contract schema that does not compile', () => {
    expect(contract({ $ref: 'https://evil.example/schema.json' })).toEqual([
      {
        code: 'contract_schema',
        path: ['edges', 1, 'contract', 'schema'],
        message:
          'The schema of the contract "findings" on the handoff edge from "research" to "writer" cannot be used: The schema refers to "https://evil.example/schema.json": only references inside the schema (starting with "#") are allowed.',
        edgeId: 'research-writer',
      },
    ]);
    expect(contract({ type: 'objekt' })).toMatchObject([
      { code: 'contract_schema', path: ['edges', 1, 'contract', 'schema'] },
    ]);
  });

  it('refuses a minimum confidence without a required numeric confidence', () => {
    expect(contract({ type: 'object', properties: { confidence: { type: 'number' } } }, 0.7)).toEqual([
      {
        code: 'contract_confidence',
        path: ['edges', 1, 'contract', 'schema', 'required'],
        message:
          'The contract "findings" on the handoff edge from "research" to "writer" asks for a confidence of at least 0.7, but its schema does not require "confidence": add "confidence" to "required", with "type": "number".',
        edgeId: 'research-writer',
      },
    ]);
    expect(
      contract({ type: 'object', required: ['confidence'], properties: { confidence: { type: 'string' } } }, 0.5),
    ).toEqual([
      {
        code: 'contract_confidence',
        path: ['edges', 1, 'contract', 'schema', 'properties', 'confidence', 'type'],
        message:
          'The contract "findings" on the handoff edge from "research" to "writer" asks for a confidence of at least 0.5, but its schema does not make "confidence" a number: add "confidence" to "required", with "type": "number".',
        edgeId: 'research-writer',
      },
    ]);
    expect(
      contract(
        { type: 'object', required: ['confidence'], properties: { confidence: { type: ['number', 'null'] } } },
        0.5,
      ),
    ).toHaveLength(1);
    expect(
      contract({ type: 'object', required: ['confidence'], properties: { confidence: { type: 'number' } } }, 0.5),
    ).toEqual([]);
    // With no minimum, no confidence is needed.
    expect(contract({ type: 'object' }, 0)).toEqual([]);
  });

  it('refuses a minimum confidence outside 0..1', () => {
    expect(contract({ type: 'object' }, 1.5)).toEqual([
      {
        code: 'invalid_shape',
        path: ['edges', 1, 'contract', 'requiredConfidence'],
        message: 'The minimum confidence must be between 0 and 1.',
        edgeId: 'research-writer',
      },
    ]);
  });

  it('refuses an output schema that does not compile', () => {
    const g = minimal();
    g.nodes[1] = specialist('writer', {
      data: { name: 'writer', outputSchema: { type: 'object', properties: { a: { minLength: -1 } } } },
    } as never);
    expect(issuesOf(g)).toEqual([
      {
        code: 'invalid_schema',
        path: ['nodes', 1, 'data', 'outputSchema'],
        message:
          'The output schema of the specialist "writer" cannot be used: The schema is not valid JSON Schema 2020-12 at /properties/a/minLength: must be >= 0.',
        nodeId: 'writer',
      },
    ]);
  });
});

describe('graph rules: every problem at once', () => {
  it('reports problems of several rules together', () => {
    const g = graph(
      [specialist('a'), specialist('a'), agent('orchestrator', 'lead')],
      [edge('dispatch', 'a', 'lead'), edge('handoff', 'a', 'ghost')],
    );
    expect(issuesOf(g).map((issue) => issue.code)).toEqual([
      'duplicate_id',
      'duplicate_name',
      'dangling_edge',
      'input_count',
      'output_missing',
      'edge_kind_mismatch',
      'orchestrator_without_worker',
    ]);
  });
});
