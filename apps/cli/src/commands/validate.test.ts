import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { baton, example, tempDir } from '../../test/baton';
import { EXIT } from '../exit-codes';

const temp = tempDir();
afterAll(() => temp.remove());

describe('baton validate', () => {
  it('says a valid graph is valid, on stdout, with exit 0', async () => {
    const { code, stdout, stderr } = await baton(['validate', example('research-and-write')]);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/research-and-write\.json: valid \(\d+ nodes, \d+ edges\)\./);
    expect(code).toBe(EXIT.ok);
  });

  it('lists every problem of a broken graph with its JSON path, and exits 3', async () => {
    const graph = JSON.parse(readFileSync(example('peer-review'), 'utf8'));
    graph.nodes[1].data.name = 'editor'; // the writer now has the editor's name
    graph.edges.push({ id: 'dangling', kind: 'handoff', source: 'writer', target: 'nowhere' });
    const file = temp.path('broken.json');
    writeFileSync(file, JSON.stringify(graph));
    const text = await baton(['validate', file]);
    expect(text.code).toBe(EXIT.invalid);
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain('problems:');
    expect(text.stderr).toMatch(/\$\.nodes\[\d\]\.data\.name: .*editor/);
    expect(text.stderr).toMatch(/\$\.edges\[3\]\.target: .*nowhere/);

    const json = await baton(['validate', file, '--json']);
    expect(json.code).toBe(EXIT.invalid);
    const answer = JSON.parse(json.stdout) as { valid: boolean; issues: { code: string; jsonPath: string }[] };
    expect(answer.valid).toBe(false);
    expect(answer.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['duplicate_name', 'dangling_edge']));
  });

  it('says where a file stops being JSON, and that a missing file is missing', async () => {
    const file = temp.path('cut.json');
    writeFileSync(file, '{"format": "baton.graph",\n "nodes": [');
    const cut = await baton(['validate', file]);
    expect(cut.code).toBe(EXIT.invalid);
    expect(cut.stderr).toContain('line 2');
    const missing = await baton(['validate', temp.path('nope.json')]);
    expect(missing.code).toBe(EXIT.invalid);
    expect(missing.stderr).toContain('there is no such file');
    const usage = await baton(['validate']);
    expect(usage.code).toBe(EXIT.usage);
  });
});
