// Brings a graph document of any supported version up to the current one, before it is validated.
import { GRAPH_FORMAT, GRAPH_VERSION } from './graph';
import type { GraphIssue } from './issues';

export type MigrationResult = { ok: true; document: unknown } | { ok: false; issues: GraphIssue[] };

/** One step per released version: `MIGRATIONS[n]` turns a version n document into version n + 1. */
const MIGRATIONS: Record<number, (document: Record<string, unknown>) => Record<string, unknown>> = {
  // Version 2 only adds optional fields (tools on agents, maxToolCalls): a version 1 document is a version 2 one.
  1: (document) => ({ ...document, version: 2 }),
};

export function migrateGraph(document: unknown): MigrationResult {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return fail('invalid_shape', [], 'A graph document must be a JSON object.');
  }
  const record = document as Record<string, unknown>;
  if (record.format !== GRAPH_FORMAT) {
    return fail(
      'unknown_format',
      ['format'],
      `This is not a Baton graph: "format" must be "${GRAPH_FORMAT}", got ${describe(record.format)}.`,
    );
  }
  const version = record.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > GRAPH_VERSION) {
    return fail(
      'unknown_version',
      ['version'],
      `This graph has version ${describe(version)}, which this Baton cannot read: it reads versions 1 to ${GRAPH_VERSION}.`,
    );
  }
  let current = record;
  for (let v = version; v < GRAPH_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return fail('unknown_version', ['version'], `There is no migration from graph version ${v}.`);
    current = step(current);
  }
  return { ok: true, document: current };
}

function fail(code: GraphIssue['code'], path: GraphIssue['path'], message: string): MigrationResult {
  return { ok: false, issues: [{ code, path, message }] };
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
