// Collects a result: the one payload it received, or its payloads keyed by their sources' names.
import type { JsonValue } from '@baton/contracts';
import type { NodeExecutor } from './types';

export const runOutput: NodeExecutor<'output'> = async ({ inputs }) => {
  if (inputs.length === 1) return { output: inputs[0]!.payload };
  const keyed: Record<string, JsonValue> = {};
  for (const input of inputs) keyed[input.source] = input.payload;
  return { output: keyed };
};
