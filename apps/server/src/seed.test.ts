import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../test/harness';
import { createMemoryLogger } from './logger';
import { seedExamples } from './seed';

const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples');
let server: TestServer;
afterEach(async () => server?.close());

describe('seedExamples', () => {
  it('stores the five example graphs on first start only', async () => {
    server = testServer();
    const logger = createMemoryLogger();
    const seeded = await seedExamples(server.graphs, examples, logger);
    expect(seeded).toHaveLength(5);
    expect(logger.lines).toEqual([]);
    const names = (await server.graphs.listGraphs()).map((g) => g.id).sort();
    expect(names).toEqual([...seeded].sort());

    await server.graphs.deleteGraph(seeded[0]!);
    expect(await seedExamples(server.graphs, examples, logger)).toEqual([]);
    expect(await server.graphs.listGraphs()).toHaveLength(4);
  });

  it('starts without examples when the folder is missing, and says so', async () => {
    server = testServer();
    const logger = createMemoryLogger();
    expect(await seedExamples(server.graphs, '/nonexistent/examples', logger)).toEqual([]);
    expect(logger.lines.join('\n')).toContain('no examples folder');
  });
});
