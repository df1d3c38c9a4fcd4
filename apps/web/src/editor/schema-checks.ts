// The editor's checks that compile JSON Schemas, which is Ajv's work: a graph's problems (its rules compile every
// node's and contract's schema) and a schema field's live compile check. Ajv and the rules are about 100 KB of
// gzipped script the first screen does not need (opening a graph draws it before validating it), so this module
// is imported on demand (`schemaChecks` in load-schema-checks.ts) and becomes its own chunk; nothing imports it statically.
import { compileJsonSchema, type GraphDocument, type JsonSchemaObject, parseGraph } from '@baton/contracts';
import { indexProblems, NO_PROBLEMS, type ProblemIndex } from './problems';

/** Every problem of the document (shape and rules), each tied to its node or edge where it has one. */
export function findProblems(document: GraphDocument): ProblemIndex {
  const result = parseGraph(document);
  return result.ok ? NO_PROBLEMS : indexProblems(result.issues, document);
}

/** Why the schema does not compile, as a sentence, or null when it does. */
export function schemaCompileError(schema: JsonSchemaObject): string | null {
  const compiled = compileJsonSchema(schema);
  return compiled.ok ? null : `This schema does not compile: ${compiled.message}`;
}
