import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../api';
import { TraceFile, traceFile } from './trace-file';
import { TRACE_JSON_SCHEMA_FILE, traceJsonSchema, traceJsonSchemaText } from './trace-json-schema';

const FILE = fileURLToPath(new URL(`../../schema/${TRACE_JSON_SCHEMA_FILE}`, import.meta.url));

const run: RunRecord = {
  id: 'run_1',
  graphId: 'g',
  graphVersion: 1,
  goal: 'go',
  status: 'completed',
  createdAt: 1,
  startedAt: 1,
  endedAt: 2,
  usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
  eventCount: 1,
  error: null,
  input: null,
  result: 'done',
  lastHash: 'c1',
  pendingEscalations: [],
  spend: { simulated: true, byModel: {} },
};
const interrupted = {
  v: 1,
  type: 'run.interrupted',
  runId: 'run_1',
  seq: 1,
  at: 2,
  digest: 'd1',
  chain: 'c1',
  reason: 'stopped',
} as const;

describe('the JSON Schema of the trace file', () => {
  it('matches the committed file (run `pnpm --filter @baton/contracts schema:write` after changing the format)', () => {
    expect(readFileSync(FILE, 'utf8')).toBe(traceJsonSchemaText());
  });

  it('accepts what traceFile builds and refuses another format, a missing run or an unknown event', () => {
    // The schema is over the 64 KB cap of user schemas, so it is compiled here without compileJsonSchema's caps.
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(traceJsonSchema());
    const trace = traceFile({ run, graph: null, events: [{ ...interrupted }] });
    expect(validate(trace), JSON.stringify(validate.errors)).toBe(true);
    expect(TraceFile.safeParse(trace).success).toBe(true);
    expect(validate({ ...trace, format: 'baton.graph' })).toBe(false);
    expect(validate({ ...trace, run: undefined })).toBe(false);
    expect(validate({ ...trace, events: [{ ...interrupted, type: 'run.exploded' }] })).toBe(false);
    expect(traceJsonSchema().$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
});
