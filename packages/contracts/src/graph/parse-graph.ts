// parseGraph: unknown input -> a typed graph, or every problem at once, each with its JSON path.
import { GraphDocument } from './graph';
import { checkJsonValue, parseJsonText } from './guards';
import type { GraphIssue } from './issues';
import { migrateGraph } from './migrate';
import { checkGraphRules } from './rules';
import { zodIssuesToGraphIssues } from './zod-issues';

export { zodIssuesToGraphIssues };

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
