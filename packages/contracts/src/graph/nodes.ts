// Node kinds of the graph format v1, each with its own `data`. Names are what models see; ids are for machines.
import { z } from 'zod';
import { JsonSchemaObject } from '../json';

export const NODE_KINDS = ['input', 'orchestrator', 'specialist', 'router', 'reviewer', 'mesh', 'output'] as const;
export const NodeKind = z.enum(NODE_KINDS);
export type NodeKind = z.infer<typeof NodeKind>;

/** Agent kinds: every kind but `input` and `output`. */
export const AGENT_KINDS = [
  'orchestrator',
  'specialist',
  'router',
  'reviewer',
  'mesh',
] as const satisfies readonly NodeKind[];
export type AgentKind = (typeof AGENT_KINDS)[number];

export const ModelTier = z.enum(['fast', 'balanced', 'deep']);
export type ModelTier = z.infer<typeof ModelTier>;

export const NodeId = z.string().min(1, 'An id cannot be empty.').max(128, 'An id can be at most 128 characters long.');
export type NodeId = z.infer<typeof NodeId>;

/** A slug such as `research` or `code_review`: lower-case letters, digits and underscores, starting with a letter. */
export const Slug = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,63}$/,
    'A name must start with a lower-case letter and use only a-z, 0-9 and _ (at most 64 characters), like "code_review".',
  );
export type Slug = z.infer<typeof Slug>;

export const Position = z.strictObject({ x: z.number(), y: z.number() });
export type Position = z.infer<typeof Position>;

const Description = z.string().max(2000, 'A description can be at most 2,000 characters long.').default('');
const Instructions = z.string().max(20000, 'Instructions can be at most 20,000 characters long.').default('');

export const InputNodeData = z.strictObject({
  name: Slug.default('input'),
  description: Description,
  /** Optional JSON Schema of the run's JSON input payload. */
  inputSchema: JsonSchemaObject.optional(),
});
export type InputNodeData = z.infer<typeof InputNodeData>;

export const OutputNodeData = z.strictObject({
  name: Slug.default('output'),
  description: Description,
});
export type OutputNodeData = z.infer<typeof OutputNodeData>;

/**
 * A tool an agent may call, named by its source and its name there: `builtin` for the engine's own tools, later
 * an MCP server's configured name. Never a URL, a command or a credential: the server's configuration says how
 * to reach a source.
 */
export const ToolRef = z.strictObject({
  source: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'A tool source is a configured name such as "builtin" (a-z, 0-9, _ and -).'),
  name: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'A tool name uses letters, digits, _ and - (at most 64 characters).'),
  /**
   * True: every call of this tool by this agent waits for a person to approve, edit its arguments or reject it.
   * Absent means no approval (in simulated runs a tool that may have side effects asks anyway).
   */
  requiresApproval: z.boolean().optional(),
});
export type ToolRef = z.infer<typeof ToolRef>;

/** The most model calls one activation of an agent with tools may make (each round: a call, then its tools). */
export const MAX_TOOL_ROUNDS = 50;
export const DEFAULT_TOOL_ROUNDS = 8;

/** The most tools one agent may have (the editor's picker stops there too). */
export const MAX_AGENT_TOOLS = 32;

export const SpecialistNodeData = z.strictObject({
  name: Slug,
  description: Description,
  /** The agent's system message. */
  instructions: Instructions,
  tier: ModelTier.default('balanced'),
  /** With a schema, the agent is asked for structured output that matches it. */
  outputSchema: JsonSchemaObject.optional(),
  /** Tools the agent may call before it answers (graph format 2). */
  tools: z.array(ToolRef).max(MAX_AGENT_TOOLS, `An agent can have at most ${MAX_AGENT_TOOLS} tools.`).optional(),
  /** Rounds of model call + tool calls per activation before the node fails (default 8). */
  maxToolRounds: z.number().int().min(1).max(MAX_TOOL_ROUNDS).optional(),
});
export type SpecialistNodeData = z.infer<typeof SpecialistNodeData>;

export const OrchestratorNodeData = z.strictObject({
  name: Slug,
  description: Description,
  /** Guidance for decomposing the task, added to the orchestrator's own system message. */
  instructions: Instructions,
  /** Guidance for the final synthesis over the subtask results. */
  synthesisInstructions: Instructions,
  tier: ModelTier.default('balanced'),
  /** How many subtasks may run at once. */
  concurrency: z.number().int().min(1).max(1000).default(4),
});
export type OrchestratorNodeData = z.infer<typeof OrchestratorNodeData>;

export const RouterNodeData = z.strictObject({
  name: Slug,
  description: Description,
  /** Extra guidance for classifying; routers always use the `fast` tier. */
  instructions: Instructions,
});
export type RouterNodeData = z.infer<typeof RouterNodeData>;

/** The most revisions a reviewer may ask for: long critique loops (issue 7 runs 100) are legitimate designs. */
export const MAX_REVISIONS = 100;

export const ReviewerNodeData = z.strictObject({
  name: Slug,
  description: Description,
  /** What the reviewer checks the producer's draft for. */
  criteria: Instructions,
  tier: ModelTier.default('balanced'),
  maxRevisions: z.number().int().min(0).max(MAX_REVISIONS).default(2),
});
export type ReviewerNodeData = z.infer<typeof ReviewerNodeData>;

export const MeshNodeData = z.strictObject({
  name: Slug,
  description: Description,
  /** The mesh's synthesis instructions over the peers' final round. */
  instructions: Instructions,
  tier: ModelTier.default('balanced'),
  maxRounds: z.number().int().min(1).max(20).default(3),
});
export type MeshNodeData = z.infer<typeof MeshNodeData>;

/** Where a node sits on the canvas. Exported documents list a node's keys as: id, kind, these, data. */
const nodeLayout = {
  position: Position,
  width: z.number().positive().optional(),
  height: z.number().positive().optional(),
  /** Set on a specialist that is a peer of a mesh: the mesh's id. */
  parentId: NodeId.optional(),
};

export const InputNode = z.strictObject({ id: NodeId, kind: z.literal('input'), ...nodeLayout, data: InputNodeData });
export const OutputNode = z.strictObject({
  id: NodeId,
  kind: z.literal('output'),
  ...nodeLayout,
  data: OutputNodeData,
});
export const SpecialistNode = z.strictObject({
  id: NodeId,
  kind: z.literal('specialist'),
  ...nodeLayout,
  data: SpecialistNodeData,
});
export const OrchestratorNode = z.strictObject({
  id: NodeId,
  kind: z.literal('orchestrator'),
  ...nodeLayout,
  data: OrchestratorNodeData,
});
export const RouterNode = z.strictObject({
  id: NodeId,
  kind: z.literal('router'),
  ...nodeLayout,
  data: RouterNodeData,
});
export const ReviewerNode = z.strictObject({
  id: NodeId,
  kind: z.literal('reviewer'),
  ...nodeLayout,
  data: ReviewerNodeData,
});
export const MeshNode = z.strictObject({ id: NodeId, kind: z.literal('mesh'), ...nodeLayout, data: MeshNodeData });

export type InputNode = z.infer<typeof InputNode>;
export type OutputNode = z.infer<typeof OutputNode>;
export type SpecialistNode = z.infer<typeof SpecialistNode>;
export type OrchestratorNode = z.infer<typeof OrchestratorNode>;
export type RouterNode = z.infer<typeof RouterNode>;
export type ReviewerNode = z.infer<typeof ReviewerNode>;
export type MeshNode = z.infer<typeof MeshNode>;

export const GraphNode = z.discriminatedUnion('kind', [
  InputNode,
  OrchestratorNode,
  SpecialistNode,
  RouterNode,
  ReviewerNode,
  MeshNode,
  OutputNode,
]);
export type GraphNode = z.infer<typeof GraphNode>;
/** A node of one kind: `NodeOfKind<'router'>` is a `RouterNode`. */
export type NodeOfKind<K extends NodeKind> = Extract<GraphNode, { kind: K }>;
export type NodeData<K extends NodeKind = NodeKind> = NodeOfKind<K>['data'];
