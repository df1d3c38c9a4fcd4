import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBoundaries, compileErrors } from './boundaries';

const CONTRACTS = fileURLToPath(new URL('..', import.meta.url));
const ENGINE = fileURLToPath(new URL('../../engine', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describe('layer boundaries', () => {
  // Their `typecheck` scripts compile them with exactly these tsconfigs, so ES2023 without the DOM is enforced there.
  it('contracts and engine import no React, Hono or React Flow and leave the DOM out of their lib', () => {
    expect(checkBoundaries(CONTRACTS)).toEqual([]);
    expect(checkBoundaries(ENGINE)).toEqual([]);
  });

  describe('a copy of contracts with planted violations', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-boundaries-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(join(CONTRACTS, 'src'), join(dir, 'src'), { recursive: true });
    cpSync(join(CONTRACTS, 'package.json'), join(dir, 'package.json'));
    cpSync(join(CONTRACTS, 'tsconfig.json'), join(dir, 'tsconfig.json'));
    symlinkSync(join(CONTRACTS, 'node_modules'), join(dir, 'node_modules'), 'dir');

    it('is clean before planting', () => {
      expect(checkBoundaries(dir)).toEqual([]);
    });

    it('fails the import check for React, Hono and React Flow imports', () => {
      writeFileSync(
        join(dir, 'src', 'planted-imports.ts'),
        "import { useState } from 'react';\nexport { Hono } from 'hono';\nexport const flow = () => import('@xyflow/react');\nexport default useState;\n",
      );
      expect(checkBoundaries(dir)).toEqual([
        'src/planted-imports.ts imports "react" (React).',
        'src/planted-imports.ts imports "hono" (Hono).',
        'src/planted-imports.ts imports "@xyflow/react" (React Flow).',
      ]);
      rmSync(join(dir, 'src', 'planted-imports.ts'));
    });

    it('fails to compile code that uses the DOM', { timeout: 60_000 }, () => {
      writeFileSync(join(dir, 'src', 'planted-dom.ts'), 'export const title = document.title;\n');
      expect(compileErrors(dir, TSC)).toEqual([
        expect.stringContaining("src/planted-dom.ts(1,22): error TS2584: Cannot find name 'document'."),
      ]);
    });
  });
});
