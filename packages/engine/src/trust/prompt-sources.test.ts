// Where prompt text comes from, read off the engine's source: nothing forges it with a cast, and every use of
// authored() (the door for a person's text) is one of the reviewed ones below.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * Every text authored() turns into prompt text, with why it is a person's and not a model's. A new use fails this
 * test until it is added here: text derived from agent output goes through the wrapper instead.
 */
const AUTHORED: Record<string, string[]> = {
  // The graph author's output schema or contract schema, or the engine's own plan and mesh-turn schemas.
  'model/openai-provider.ts': ['JSON.stringify(request.responseFormat.schema)'],
  // Node names, from the graph.
  'nodes/orchestrator.ts': ['node.data.name', 'worker.data.name'],
  'nodes/mesh.ts': ['other.data.name', 'node.data.name', 'peerName'],
  'nodes/reviewer.ts': ['node.data.name', 'producerNode.data.name'],
  // A contract's name, from the graph.
  'run/handoff.ts': ['contract.name'],
  // A source node's name, the run's goal, a node's instructions, names and descriptions, the producer's name.
  'run/prompts.ts': [
    'input.source',
    'ctx.goal',
    'instructions.trim()',
    'instructions.trim()',
    'name',
    'description.trim()',
    'name',
    'name',
    'description',
    'parts.agentName',
  ],
};

describe('prompt text in the engine source', () => {
  const files = sources(SRC).map((path) => ({ name: relative(SRC, path), text: readFileSync(path, 'utf8') }));

  it('is never made with a cast', () => {
    const casts = files
      .filter(({ text }) => /\bas\s+(unknown\s+as\s+)?(PromptText|EngineText|DataText)\b/.test(text))
      .map(({ name }) => name);
    expect(casts).toEqual([]);
  });

  it('comes from a person only where reviewed', () => {
    const found: Record<string, string[]> = {};
    for (const { name, text } of files) {
      if (name === 'trust/wrap.ts') continue;
      const calls = [...text.matchAll(/\bauthored\(((?:[^()]|\([^()]*\))*)\)/g)].map((match) => match[1]!);
      if (calls.length > 0) found[name] = calls;
    }
    expect(found).toEqual(AUTHORED);
  });
});
