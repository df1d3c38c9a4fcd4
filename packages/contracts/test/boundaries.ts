// The layering check: contracts and engine import nothing from React, Hono or React Flow, and compile without the DOM.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Packages the framework-free layers must never import, with why. */
export const FORBIDDEN_IMPORTS: { pattern: RegExp; what: string }[] = [
  { pattern: /^react(-dom)?(\/|$)/, what: 'React' },
  { pattern: /^hono(\/|$)/, what: 'Hono' },
  { pattern: /^@hono\//, what: 'Hono' },
  { pattern: /^@xyflow\//, what: 'React Flow' },
];

const SPECIFIERS = [
  /\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/**
 * Every way a package breaks the boundary: a forbidden import in src/, a forbidden dependency in package.json,
 * the DOM in its tsconfig's `lib`, or a `/// <reference lib="dom" />`. Empty when it keeps to it.
 */
export function checkBoundaries(packageDir: string): string[] {
  const problems: string[] = [];
  for (const file of sourceFiles(join(packageDir, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const where = relative(packageDir, file);
    for (const pattern of SPECIFIERS) {
      for (const match of text.matchAll(pattern)) {
        const forbidden = FORBIDDEN_IMPORTS.find((rule) => rule.pattern.test(match[1]!));
        if (forbidden) problems.push(`${where} imports "${match[1]}" (${forbidden.what}).`);
      }
    }
    if (/\/\/\/\s*<reference\s+lib=["']dom/i.test(text)) problems.push(`${where} references the DOM library.`);
  }
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>;
  for (const field of ['dependencies', 'peerDependencies', 'devDependencies']) {
    for (const name of Object.keys((manifest[field] as Record<string, string> | undefined) ?? {})) {
      const forbidden = FORBIDDEN_IMPORTS.find((rule) => rule.pattern.test(name));
      if (forbidden) problems.push(`package.json ${field} has "${name}" (${forbidden.what}).`);
    }
  }
  const tsconfig = JSON.parse(readFileSync(join(packageDir, 'tsconfig.json'), 'utf8')) as {
    compilerOptions?: { lib?: string[] };
  };
  const lib = tsconfig.compilerOptions?.lib;
  if (!lib) problems.push('tsconfig.json sets no "lib", so the DOM library is included by default.');
  else if (lib.some((entry) => /^dom/i.test(entry))) problems.push(`tsconfig.json includes the DOM library: ${lib}.`);
  return problems;
}

/** Type-checks a package with its own tsconfig; returns tsc's error lines (empty when it compiles). */
export function compileErrors(packageDir: string, tscPath: string): string[] {
  const result = spawnSync(process.execPath, [tscPath, '--noEmit', '--incremental', 'false', '-p', packageDir], {
    encoding: 'utf8',
  });
  if (result.status === 0) return [];
  return `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.includes('error TS'));
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') files.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry.name)) files.push(path);
  }
  return files;
}
