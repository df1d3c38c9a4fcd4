// The export format as text: keys in the schema's order, defaults filled in, two-space JSON, a final newline.
import { GraphValidationError } from '../errors';
import { GraphDocument, type GraphDocumentInput } from './graph';
import { migrateGraph } from './migrate';
import { zodIssuesToGraphIssues } from './zod-issues';

/**
 * Serialises a graph as Baton exports it. Objects of the format list their keys in the schema's order
 * (whatever order they were built in); user data inside (JSON Schemas, payloads) keeps its own order. So a
 * graph exported, parsed and exported again is byte-identical. A document of an older version (a draft stored
 * before graph format 2) is migrated first: an export is always the current version. Throws GraphValidationError
 * for a bad shape.
 */
export function exportGraphJson(graph: GraphDocument | GraphDocumentInput): string {
  const migrated = migrateGraph(graph);
  const parsed = GraphDocument.safeParse(migrated.ok ? migrated.document : graph);
  if (!parsed.success) throw new GraphValidationError(zodIssuesToGraphIssues(parsed.error.issues, graph));
  return `${JSON.stringify(parsed.data, null, 2)}\n`;
}
