// Checks a trace file the CLI wrote: its shape by the committed JSON Schema and the zod schema, its chain by the engine.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TraceFile } from '@baton/contracts';
import { verifyRunLog } from '@baton/engine';
import Ajv2020 from 'ajv/dist/2020';

const SCHEMA = fileURLToPath(new URL('../../../packages/contracts/schema/baton.trace.v1.schema.json', import.meta.url));
const validateSchema = new Ajv2020({ strict: false, allErrors: true }).compile(
  JSON.parse(readFileSync(SCHEMA, 'utf8')),
);

export function readTrace(path: string): TraceFile {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (!validateSchema(raw))
    throw new Error(`The trace breaks its JSON Schema: ${JSON.stringify(validateSchema.errors)}`);
  const trace = TraceFile.parse(raw);
  const verified = verifyRunLog((raw as TraceFile).events, {
    lastHash: trace.run.lastHash,
    count: trace.run.eventCount,
  });
  if (!verified.ok) throw new Error(`The trace does not verify: ${verified.reason}`);
  return trace;
}
