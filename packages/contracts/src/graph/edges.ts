// Edge kinds of the graph format v1 and the handoff contract an edge can carry.
import { z } from 'zod';
import { JsonSchemaObject } from '../json';
import { NodeId } from './nodes';

export const EDGE_KINDS = ['handoff', 'dispatch', 'route', 'review'] as const;
export const EdgeKind = z.enum(EDGE_KINDS);
export type EdgeKind = z.infer<typeof EdgeKind>;

export const LowConfidencePolicy = z.enum(['escalate', 'proceed', 'fail']);
export type LowConfidencePolicy = z.infer<typeof LowConfidencePolicy>;

export const HandoffContract = z.strictObject({
  name: z.string().min(1, 'A contract needs a name.').max(100, 'A contract name can be at most 100 characters long.'),
  /** JSON Schema 2020-12 of the payload; user data, compiled with Ajv, never evaluated. */
  schema: JsonSchemaObject,
  /** Payloads whose `confidence` is below this follow `onLowConfidence`. 0 disables the check. */
  requiredConfidence: z
    .number()
    .min(0, 'The minimum confidence must be between 0 and 1.')
    .max(1, 'The minimum confidence must be between 0 and 1.')
    .default(0),
  onLowConfidence: LowConfidencePolicy.default('escalate'),
});
export type HandoffContract = z.infer<typeof HandoffContract>;

/** Exported documents list an edge's keys as: id, kind, source, target, then the kind's own. */
const edgeEnds = { source: NodeId, target: NodeId };

export const HandoffEdge = z.strictObject({
  id: NodeId,
  kind: z.literal('handoff'),
  ...edgeEnds,
  contract: HandoffContract.optional(),
});
export const DispatchEdge = z.strictObject({ id: NodeId, kind: z.literal('dispatch'), ...edgeEnds });
export const RouteEdge = z.strictObject({
  id: NodeId,
  kind: z.literal('route'),
  ...edgeEnds,
  fallback: z.boolean().optional(),
});
export const ReviewEdge = z.strictObject({ id: NodeId, kind: z.literal('review'), ...edgeEnds });
export type HandoffEdge = z.infer<typeof HandoffEdge>;
export type DispatchEdge = z.infer<typeof DispatchEdge>;
export type RouteEdge = z.infer<typeof RouteEdge>;
export type ReviewEdge = z.infer<typeof ReviewEdge>;

export const GraphEdge = z.discriminatedUnion('kind', [HandoffEdge, DispatchEdge, RouteEdge, ReviewEdge]);
export type GraphEdge = z.infer<typeof GraphEdge>;
export type EdgeOfKind<K extends EdgeKind> = Extract<GraphEdge, { kind: K }>;
