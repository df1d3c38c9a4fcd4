// Loads the example graphs of the repository (examples/*.json) through parseGraph, as the server does.
import { readFileSync } from 'node:fs';
import { type GraphDocument, parseGraph } from '@baton/contracts';

export const EXAMPLE_NAMES = [
  'research-and-write',
  'specialist-routing',
  'peer-review',
  'peer-mesh',
  'calculator-tools',
] as const;
export type ExampleName = (typeof EXAMPLE_NAMES)[number];

export function loadExample(name: ExampleName): GraphDocument {
  const url = new URL(`../../../../examples/${name}.json`, import.meta.url);
  const parsed = parseGraph(JSON.parse(readFileSync(url, 'utf8')));
  if (!parsed.ok) throw new Error(`Example ${name} is not valid: ${JSON.stringify(parsed.issues)}`);
  return parsed.graph;
}
