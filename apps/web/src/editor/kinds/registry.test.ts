// The registry is exhaustive over the contracts' node kinds: a kind added to `NODE_KINDS` without a web kind file
// fails to compile. Checked as the contracts' boundaries test does, with tsc over a copy that has the change planted.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_KINDS } from '@baton/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { WEB_NODE_KINDS } from '.';

const WEB = fileURLToPath(new URL('../../..', import.meta.url));
const CONTRACTS = join(WEB, '..', '..', 'packages', 'contracts');
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describe('the web node kinds', () => {
  it('has one entry per contracts node kind, each with handles from the edge table', () => {
    expect(Object.keys(WEB_NODE_KINDS).sort()).toEqual([...NODE_KINDS].sort());
    expect(WEB_NODE_KINDS.specialist.handles.map((handle) => `${handle.id}:${handle.kinds.join('+')}`)).toEqual([
      'in:handoff+route',
      'worker:dispatch',
      'out:handoff+review',
    ]);
    expect(WEB_NODE_KINDS.input.handles.map((handle) => handle.id)).toEqual(['out']);
    expect(WEB_NODE_KINDS.output.handles.map((handle) => handle.id)).toEqual(['in']);
  });

  describe('a copy with a kind planted in the contracts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-web-kinds-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('fails tsc at the registry', { timeout: 180_000 }, () => {
      const contracts = join(dir, 'packages', 'contracts');
      for (const entry of ['src', 'package.json', 'tsconfig.json']) {
        cpSync(join(CONTRACTS, entry), join(contracts, entry), { recursive: true });
      }
      symlinkSync(join(CONTRACTS, 'node_modules'), join(contracts, 'node_modules'), 'dir');
      const web = join(dir, 'apps', 'web');
      for (const entry of ['src', 'package.json', 'tsconfig.json', 'vite.config.ts']) {
        cpSync(join(WEB, entry), join(web, entry), { recursive: true });
      }
      // The web's own dependencies as installed, but @baton/contracts from the copy.
      mkdirSync(join(web, 'node_modules', '@baton'), { recursive: true });
      for (const entry of readdirSync(join(WEB, 'node_modules'))) {
        if (entry !== '@baton') symlinkSync(join(WEB, 'node_modules', entry), join(web, 'node_modules', entry));
      }
      symlinkSync(contracts, join(web, 'node_modules', '@baton', 'contracts'), 'dir');

      const nodes = join(contracts, 'src', 'graph', 'nodes.ts');
      const source = readFileSync(nodes, 'utf8');
      const planted = source.replace("'mesh', 'output'] as const", "'mesh', 'output', 'planted'] as const");
      expect(planted).not.toBe(source);
      writeFileSync(nodes, planted);

      const result = spawnSync(process.execPath, [TSC, '--noEmit', '--incremental', 'false', '-p', web], {
        encoding: 'utf8',
      });
      const errors = `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.includes('error TS'));
      expect(errors).toContainEqual(
        expect.stringMatching(
          /apps\/web\/src\/editor\/kinds\/index\.ts\(\d+,\d+\): error TS2741: Property 'planted' is missing/,
        ),
      );
    });
  });
});
