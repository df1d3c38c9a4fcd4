// Meshes: a group node whose peers are specialists placed inside it (parentId); at least two; peers have no edges.
import type { GraphIssue } from '../issues';
import { capitalize, edgeIssue, nodeIssue, nodeLabel, type Rule } from './context';
import { agentsOfKind } from './patterns';

export const parentsAreMeshes: Rule = ({ graph, nodes }) => {
  const issues: GraphIssue[] = [];
  graph.nodes.forEach((node, index) => {
    if (node.parentId === undefined) return;
    const at = { node, index };
    const parent = nodes.get(node.parentId)?.node;
    let message: string | undefined;
    if (!parent) {
      message = `${capitalize(nodeLabel(node))} is placed inside "${node.parentId}", which is not a node of this graph.`;
    } else if (parent.kind !== 'mesh') {
      message = `${capitalize(nodeLabel(node))} is placed inside ${nodeLabel(parent)}, but only a mesh can hold other nodes.`;
    } else if (node.kind !== 'specialist') {
      message = `${capitalize(nodeLabel(node))} is placed inside ${nodeLabel(parent)}, but only specialists can be the peers of a mesh.`;
    }
    if (message) issues.push(nodeIssue('mesh_parent', at, ['parentId'], message));
  });
  return issues;
};

export const meshesHavePeers: Rule = (context) =>
  agentsOfKind(context, 'mesh').flatMap((at) => {
    const peers = context.graph.nodes.filter((node) => node.kind === 'specialist' && node.parentId === at.node.id);
    if (peers.length >= 2) return [];
    return [
      nodeIssue(
        'mesh_too_small',
        at,
        [],
        `${capitalize(nodeLabel(at.node))} has ${peers.length === 0 ? 'no peers' : 'only 1 peer'}: place at least two specialists inside it.`,
      ),
    ];
  });

/** Peers talk inside their mesh every round; the mesh node itself is what the rest of the graph connects to. */
export const peersHaveNoEdges: Rule = (context) => {
  const issues: GraphIssue[] = [];
  context.graph.edges.forEach((edge, index) => {
    for (const end of [edge.source, edge.target]) {
      const peer = context.nodes.get(end)?.node;
      if (peer?.kind !== 'specialist' || peer.parentId === undefined) continue;
      const mesh = context.nodes.get(peer.parentId)?.node;
      if (mesh?.kind !== 'mesh') continue;
      issues.push(
        edgeIssue(
          'mesh_peer_edge',
          { edge, index },
          [],
          `${capitalize(nodeLabel(peer))} is a peer of ${nodeLabel(mesh)}, and peers have no edges: connect the mesh itself instead.`,
          peer.id,
        ),
      );
      break;
    }
  });
  return issues;
};
