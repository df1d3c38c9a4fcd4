// `npm start`: install, build the web app, serve it. Plain Node with no dependencies, because it runs before the
// install; it says what it is doing because a first start on a two-core machine takes about two minutes.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** @param {string} name */
const bin = (name) => join(root, 'node_modules', '.bin', name);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const firstTime = !existsSync(join(root, 'node_modules', '.modules.yaml'));

const steps = [
  {
    title: firstTime
      ? 'Installing dependencies with the pinned pnpm (the first time: about a minute, a native SQLite module compiles)'
      : 'Checking dependencies against the lockfile',
    command: npm,
    args: ['run', '--silent', 'bootstrap'],
  },
  {
    title: 'Building the web app',
    command: bin('turbo'),
    args: ['run', 'build', '--filter=@baton/web', '--output-logs=errors-only'],
  },
];

for (const [index, step] of steps.entries()) {
  say(`[${index + 1}/${steps.length + 1}] ${step.title}...`);
  const started = Date.now();
  const result = spawnSync(step.command, step.args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    say(`That step failed${result.error ? ` (${result.error.message})` : ''}; nothing was started.`);
    process.exit(result.status ?? 1);
  }
  say(`    done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

say(`[${steps.length + 1}/${steps.length + 1}] Starting the server (Ctrl+C stops it)...`);
const server = spawn(npm, ['run', '--silent', 'start', '--prefix', join(root, 'apps', 'server')], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

/** @param {string} line */
function say(line) {
  process.stdout.write(`baton: ${line}\n`);
}
