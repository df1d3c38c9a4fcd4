// edgeTypes at module scope, so React Flow never sees a new component map (node types: `kinds/index.ts`).
import type { EdgeTypes } from '@xyflow/react';
import { DispatchEdge } from './edges/DispatchEdge';
import { HandoffEdge } from './edges/HandoffEdge';
import { ReviewEdge } from './edges/ReviewEdge';
import { RouteEdge } from './edges/RouteEdge';

export const EDGE_TYPES = {
  handoff: HandoffEdge,
  dispatch: DispatchEdge,
  route: RouteEdge,
  review: ReviewEdge,
} satisfies EdgeTypes;
