// A graph's shape problems as zod reports them, turned into GraphIssues with the node or edge each one is in. Its own
// module so that what needs only the shape (exportGraphJson) does not import the rules, which compile schemas with
// Ajv: the web app's first screen exports nothing and loads the rules on demand.
import type { z } from 'zod';
import type { GraphIssue } from './issues';

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
