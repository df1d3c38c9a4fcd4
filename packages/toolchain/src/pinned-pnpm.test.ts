// The pnpm that turbo finds (the root dev dependency), `packageManager` and the bootstrap's `npx pnpm@...` are one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  packageManager: string;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

describe('the pinned pnpm', () => {
  const managerVersion = /^pnpm@(\d+\.\d+\.\d+)$/.exec(manifest.packageManager)?.[1];

  it('is an exact pnpm 10 version in packageManager', () => {
    expect(managerVersion).toMatch(/^10\./);
  });

  it('is the same exact version as the dev dependency turbo runs', () => {
    expect(manifest.devDependencies.pnpm).toBe(managerVersion);
  });

  it('is the version the bootstrap installs with, on a machine without pnpm', () => {
    const bootstrap = manifest.scripts.bootstrap ?? '';
    const versions = [...bootstrap.matchAll(/pnpm@([^\s]+)/g)].map((m) => m[1]);
    expect(versions).toEqual([managerVersion]);
  });

  it('is what every root script that installs goes through', () => {
    for (const name of ['start', 'dev', 'test', 'bench', 'lint']) {
      const script = manifest.scripts[name] ?? '';
      expect(script, name).toMatch(/npm run bootstrap|start\.mjs/);
      expect(script, name).not.toMatch(/pnpm@/);
    }
  });
});
