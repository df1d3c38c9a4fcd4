import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baton, REPO } from '../test/baton';
import { EXIT } from './exit-codes';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('the baton command', () => {
  it('runs from the repository root as `npx --no-install baton`: the workspace bin, never the registry', async () => {
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
    // npm's own update notice (a fresh HOME has no npmrc that turns it off) is npm's output, not baton's.
    const { code, stdout, stderr } = await baton(['--version'], {
      cwd: REPO,
      command: [npx, '--no-install', 'baton'],
      env: { npm_config_update_notifier: 'false' },
    });
    expect(stderr).toBe('');
    expect(stdout).toBe(`baton ${version}\n`);
    expect(code).toBe(EXIT.ok);
  });

  it('prints its help with the exit codes, and refuses an unknown command with exit 2', async () => {
    const help = await baton(['--help']);
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toContain('Exit codes:');
    const unknown = await baton(['launch']);
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.stderr).toContain('there is no command "launch"');
  });

  it('refuses a configuration the server would refuse, with the server’s sentence and exit 2', async () => {
    const { code, stderr } = await baton(['validate', 'x.json'], { env: { BATON_SIM_CONFIDENCE: '2' } });
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain('BATON_SIM_CONFIDENCE must be a number from 0 to 1');
  });
});
