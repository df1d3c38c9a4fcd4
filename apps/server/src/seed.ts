// First start: the example graphs from examples/ become graphs, once (deleting one later does not bring it back).
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseGraph } from '@baton/contracts';
import type { Logger } from './logger';
import type { GraphStore } from './store/types';

const SEEDED_KEY = 'examples_seeded';

export async function seedExamples(graphs: GraphStore, examplesDir: string, logger: Logger): Promise<string[]> {
  if ((await graphs.getMeta(SEEDED_KEY)) !== null) return [];
  let files: string[];
  try {
    files = (await fs.readdir(examplesDir)).filter((f) => f.endsWith('.json')).sort();
  } catch {
    logger.warn(`no examples folder at ${examplesDir}; starting without example graphs`);
    files = [];
  }
  const seeded: string[] = [];
  for (const file of files) {
    const parsed = parseGraph(await fs.readFile(path.join(examplesDir, file), 'utf8'));
    if (!parsed.ok) {
      logger.warn(`example ${file} is not a valid graph (${parsed.issues[0]?.message}); skipped`);
      continue;
    }
    if (await graphs.getGraph(parsed.graph.id)) continue;
    await graphs.createGraph(parsed.graph.id, parsed.graph);
    seeded.push(parsed.graph.id);
  }
  await graphs.setMeta(SEEDED_KEY, new Date().toISOString());
  return seeded;
}
