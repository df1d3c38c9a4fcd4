// nodeTypes and edgeTypes at module scope, so React Flow never sees new component maps.
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { DispatchEdge } from './edges/DispatchEdge';
import { HandoffEdge } from './edges/HandoffEdge';
import { ReviewEdge } from './edges/ReviewEdge';
import { RouteEdge } from './edges/RouteEdge';
import { InputNode } from './nodes/InputNode';
import { MeshNode } from './nodes/MeshNode';
import { OrchestratorNode } from './nodes/OrchestratorNode';
import { OutputNode } from './nodes/OutputNode';
import { ReviewerNode } from './nodes/ReviewerNode';
import { RouterNode } from './nodes/RouterNode';
import { SpecialistNode } from './nodes/SpecialistNode';

export const NODE_TYPES = {
  input: InputNode,
  orchestrator: OrchestratorNode,
  specialist: SpecialistNode,
  router: RouterNode,
  reviewer: ReviewerNode,
  mesh: MeshNode,
  output: OutputNode,
} satisfies NodeTypes;

export const EDGE_TYPES = {
  handoff: HandoffEdge,
  dispatch: DispatchEdge,
  route: RouteEdge,
  review: ReviewEdge,
} satisfies EdgeTypes;
