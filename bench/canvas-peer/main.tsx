// The canvas peer: a plain React Flow page with default nodes showing the same generated graph as our editor.
import { type Edge, type Node, ReactFlow, useEdgesState, useNodesState } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { createRoot } from 'react-dom/client';

interface PeerGraph {
  nodes: { id: string; position: { x: number; y: number }; data: { name: string } }[];
  edges: { id: string; source: string; target: string }[];
}

function PlainFlow({ graph }: { graph: PeerGraph }) {
  const [nodes, , onNodesChange] = useNodesState<Node>(
    graph.nodes.map((n) => ({ id: n.id, position: n.position, data: { label: n.data.name } })),
  );
  const [edges, , onEdgesChange] = useEdgesState<Edge>(graph.edges.map((e) => ({ ...e })));
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      defaultViewport={{ x: 40, y: 40, zoom: 1 }}
    />
  );
}

const count = new URLSearchParams(window.location.search).get('nodes') ?? '100';
const graph = (await (await fetch(`/graph.json?nodes=${count}`)).json()) as PeerGraph;
createRoot(document.getElementById('root')!).render(<PlainFlow graph={graph} />);
