// parseGraph: unknown input -> a typed graph, or every problem at once, each with its JSON path.
import type { z } from 'zod';
import { GraphDocument } from './graph';
import { checkJsonValue, parseJsonText } from './guards';
import type { GraphIssue } from './issues';
import { migrateGraph } from './migrate';
import { checkGraphRules } from './rules';

export type ParseGraphResult = { ok: true; graph: GraphDocument } | { ok: false; issues: GraphIssue[] };

/**
 * Guards (size, depth, JSON syntax), migrates, checks the shape, then every rule of the graph. Accepts a parsed
 * value or the JSON text. Never throws for bad input.
 */
export function parseGraph(input: unknown): ParseGraphResult {
  const shape = parseGraphShape(input);
  if (!shape.ok) return shape;
  const issues = checkGraphRules(shape.graph);
  return issues.length > 0 ? { ok: false, issues } : shape;
}

/** Migrates and checks the shape only: what a draft must satisfy to be saved. */
export function parseGraphShape(input: unknown): ParseGraphResult {
  const guarded = typeof input === 'string' ? parseJsonText(input) : checkJsonValue(input);
  if (!guarded.ok) return guarded;
  const migrated = migrateGraph(guarded.value);
  if (!migrated.ok) return migrated;
  const parsed = GraphDocument.safeParse(migrated.document);
  if (!parsed.success) return { ok: false, issues: zodIssuesToGraphIssues(parsed.error.issues, migrated.document) };
  return { ok: true, graph: parsed.data };
}

export function zodIssuesToGraphIssues(issues: z.core.$ZodIssue[], document: unknown): GraphIssue[] {
  return issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    return { code: 'invalid_shape', path, message: issue.message, ...locate(path, document) };
  });
}

/** The node or edge a path points into, so the canvas can show the problem there. */
function locate(path: (string | number)[], document: unknown): { nodeId?: string; edgeId?: string } {
  const [collection, index] = path;
  if ((collection !== 'nodes' && collection !== 'edges') || typeof index !== 'number') return {};
  const list = (document as Record<string, unknown>)[collection];
  const item = Array.isArray(list) ? list[index] : undefined;
  const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
  if (typeof id !== 'string') return {};
  return collection === 'nodes' ? { nodeId: id } : { edgeId: id };
}
