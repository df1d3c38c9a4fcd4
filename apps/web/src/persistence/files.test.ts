// Tests of reading graph files: good JSON, text that is not JSON, empty and oversized files.
import { GRAPH_LIMITS } from '@baton/contracts';
import { describe, expect, it } from 'vitest';
import { fileSlug, readGraphFile } from './files';

const file = (text: string, name = 'g.json') => Object.assign(new Blob([text]), { name });

describe('readGraphFile', () => {
  it('parses a JSON file', async () => {
    expect(await readGraphFile(file('{"format":"baton.graph"}'))).toEqual({
      ok: true,
      document: { format: 'baton.graph' },
    });
  });

  it('says clearly when the text is not JSON, naming the file', async () => {
    const result = await readGraphFile(file('format: baton.graph', 'notes.yaml'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^“notes\.yaml” is not JSON/);
    expect(result.issues).toEqual([{ path: '$', message: result.message }]);
  });

  it('refuses empty and oversized files before uploading', async () => {
    expect(await readGraphFile(file('  '))).toMatchObject({ ok: false, message: '“g.json” is empty.' });
    const big = { size: GRAPH_LIMITS.bytes + 1, name: 'big.json', text: async () => '{}' } as unknown as Blob;
    expect(await readGraphFile(big)).toMatchObject({ ok: false, message: expect.stringMatching(/at most 5 MB/) });
  });
});

describe('fileSlug', () => {
  it('makes portable file names', () => {
    expect(fileSlug('Research & write!')).toBe('research-write');
    expect(fileSlug('Café résumé')).toBe('cafe-resume');
    expect(fileSlug('***')).toBe('graph');
  });
});
