// The graph document: Baton's export format, version 2 (version 1 documents are migrated on the way in). Everything that stores or moves a graph speaks it.
import { z } from 'zod';
import { Budget } from './budget';
import { GraphEdge } from './edges';
import { GraphNode, type ModelTier } from './nodes';

export const GRAPH_FORMAT = 'baton.graph';
/** 2: agent nodes may have tools (`tools`, `maxToolRounds`) and budgets `maxToolCalls`. */
export const GRAPH_VERSION = 2;

export const ModelTiers = z.strictObject({
  fast: z.string().min(1).max(200).optional(),
  balanced: z.string().min(1).max(200).optional(),
  deep: z.string().min(1).max(200).optional(),
});
export type ModelTiers = z.infer<typeof ModelTiers>;
export type ResolvedModelTiers = Record<ModelTier, string>;

export const Viewport = z.strictObject({ x: z.number(), y: z.number(), zoom: z.number().positive() });
export type Viewport = z.infer<typeof Viewport>;

export const GraphId = z
  .string()
  .min(1, 'A graph id cannot be empty.')
  .max(128, 'A graph id can be at most 128 characters long.');

/** Limits that keep one document from exhausting the server or the canvas. */
export const GRAPH_LIMITS = { nodes: 5000, edges: 20000, bytes: 5 * 1024 * 1024, depth: 64 } as const;

/**
 * The shape of a graph document. A document of this shape can still break the graph's rules (duplicate
 * names, cycles, edges of the wrong kind): drafts may, runs may not. `parseGraph` checks both.
 */
export const GraphDocument = z.strictObject({
  format: z.literal(GRAPH_FORMAT),
  version: z.literal(GRAPH_VERSION),
  id: GraphId,
  name: z.string().min(1, 'A graph needs a name.').max(200, 'A graph name can be at most 200 characters long.'),
  description: z.string().max(5000, 'A description can be at most 5,000 characters long.').default(''),
  models: ModelTiers.optional(),
  budget: Budget.optional(),
  nodes: z.array(GraphNode).max(GRAPH_LIMITS.nodes, `A graph can have at most ${GRAPH_LIMITS.nodes} nodes.`),
  edges: z.array(GraphEdge).max(GRAPH_LIMITS.edges, `A graph can have at most ${GRAPH_LIMITS.edges} edges.`),
  viewport: Viewport.optional(),
});
export type GraphDocument = z.infer<typeof GraphDocument>;
/** What a person or a file may hand in: defaults not yet filled in. */
export type GraphDocumentInput = z.input<typeof GraphDocument>;
