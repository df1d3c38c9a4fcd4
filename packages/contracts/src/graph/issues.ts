// A problem found in a graph: where it is (a JSON path) and what is wrong, in a sentence a person understands.
import { z } from 'zod';

export const JsonPath = z.array(z.union([z.string(), z.number()]));
export type JsonPath = z.infer<typeof JsonPath>;

export const GraphIssueCode = z.enum([
  'invalid_json',
  'too_large',
  'too_deep',
  'unknown_format',
  'unknown_version',
  'invalid_shape',
  'duplicate_id',
  'duplicate_name',
  'dangling_edge',
  'input_count',
  'output_missing',
  'edge_kind_mismatch',
  'cycle',
  'orchestrator_without_worker',
  'router_without_route',
  'router_fallbacks',
  'mesh_too_small',
  'mesh_parent',
  'review_producer',
  'contract_schema',
  'contract_confidence',
  'mesh_peer_edge',
  'duplicate_edge',
  'invalid_schema',
  'unreachable',
  'dead_end',
  'disconnected',
]);
export type GraphIssueCode = z.infer<typeof GraphIssueCode>;

export const GraphIssue = z.strictObject({
  code: GraphIssueCode,
  /** Where the problem is, from the document's root: `['nodes', 3, 'data', 'name']`. */
  path: JsonPath,
  message: z.string(),
  /** The node or edge the problem concerns, so the canvas can show it there. */
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
});
export type GraphIssue = z.infer<typeof GraphIssue>;

/** `['nodes', 3, 'data', 'name']` -> `$.nodes[3].data.name`, the form people read in messages. */
export function formatJsonPath(path: readonly (string | number)[]): string {
  let out = '$';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}
