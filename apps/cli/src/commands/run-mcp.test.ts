// `baton run` with the tools of a configuration file (BATON_CONFIG): the simulated agent calls a tool of an MCP
// server over stdio that the command line starts from the file, and ends it with the run.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RunRecord } from '@baton/contracts';
import { STDIO_MCP_SERVER_SCRIPT } from '@baton/tools/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { baton, example, tempDir } from '../../test/baton';
import { EXIT } from '../exit-codes';

const temp = tempDir();
afterAll(() => temp.remove());

describe('baton run with MCP tools from the configuration file', () => {
  it('calls the stdio server’s tool and exits when the run ends', async () => {
    const log = temp.path('calls.jsonl');
    writeFileSync(
      temp.path('baton.config.json'),
      JSON.stringify({
        mcpServers: {
          local: {
            command: process.execPath,
            args: ['--import', 'tsx', STDIO_MCP_SERVER_SCRIPT],
            env: { MCP_CALL_LOG: log },
            cwd: path.resolve(path.dirname(STDIO_MCP_SERVER_SCRIPT), '../..'),
          },
        },
      }),
    );
    const graph = JSON.parse(readFileSync(example('calculator-tools'), 'utf8'));
    for (const node of graph.nodes)
      if (node.kind === 'specialist') node.data.tools = [{ source: 'local', name: 'echo' }];
    writeFileSync(temp.path('graph.json'), JSON.stringify(graph));

    const { code, stdout, stderr } = await baton(
      ['run', temp.path('graph.json'), '--goal', 'say it back', '--json', '-q'],
      {
        env: { BATON_CONFIG: temp.path('baton.config.json') },
      },
    );
    expect(stderr).toBe('');
    expect(code).toBe(EXIT.ok);
    expect(RunRecord.parse(JSON.parse(stdout)).status).toBe('completed');
    const calls = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(calls.map((c) => c.tool)).toEqual(['echo']);
  }, 60_000);

  it('refuses a configuration file that does not parse, naming the key, with exit 2', async () => {
    writeFileSync(temp.path('bad.json'), JSON.stringify({ mcpServers: { files: { url: 'ftp://nope' } } }));
    const { code, stderr } = await baton(['run', example('calculator-tools'), '--goal', 'x'], {
      env: { BATON_CONFIG: temp.path('bad.json') },
    });
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain('bad.json: mcpServers.files.url must be an http(s) URL.');
  });
});
