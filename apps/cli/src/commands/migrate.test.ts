import { readFileSync, writeFileSync } from 'node:fs';
import { exportGraphJson, parseGraph } from '@baton/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { baton, example, tempDir } from '../../test/baton';
import { EXIT } from '../exit-codes';

const temp = tempDir();
afterAll(() => temp.remove());

/** A version 1 document as a person might write it: keys in any order, defaults left out. */
function handWritten(): Record<string, unknown> {
  const { nodes, edges, ...rest } = JSON.parse(readFileSync(example('peer-review'), 'utf8'));
  for (const node of nodes) delete node.data.description;
  return { edges, nodes, ...Object.fromEntries(Object.entries(rest).reverse()), version: 1 };
}

describe('baton migrate', () => {
  it('writes the current version in the export form: stable key order, defaults filled in', async () => {
    const file = temp.path('hand.json');
    writeFileSync(file, JSON.stringify(handWritten()));
    const { code, stdout } = await baton(['migrate', file]);
    expect(code).toBe(EXIT.ok);
    const parsed = parseGraph(stdout);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(stdout).toBe(exportGraphJson(parsed.graph));
    expect(stdout.startsWith('{\n  "format": "baton.graph",\n  "version": 2,')).toBe(true);

    const out = temp.path('migrated.json');
    const written = await baton(['migrate', file, '--out', out]);
    expect(written.code).toBe(EXIT.ok);
    expect(written.stderr).toContain('version 1 -> 2');
    expect(readFileSync(out, 'utf8')).toBe(stdout);
  });

  it('refuses a version it cannot read and a document that is not a graph, with exit 3', async () => {
    const future = temp.path('future.json');
    writeFileSync(future, JSON.stringify({ ...handWritten(), version: 99 }));
    const tooNew = await baton(['migrate', future]);
    expect(tooNew.code).toBe(EXIT.invalid);
    expect(tooNew.stderr).toMatch(/\$\.version: This graph has version 99/);
    const other = temp.path('other.json');
    writeFileSync(other, JSON.stringify({ format: 'something.else' }));
    const notGraph = await baton(['migrate', other]);
    expect(notGraph.code).toBe(EXIT.invalid);
    expect(notGraph.stderr).toContain('$.format');
  });
});
