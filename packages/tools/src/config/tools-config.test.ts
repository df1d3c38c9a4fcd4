// The configuration file's tools part: what it accepts, the secrets it yields, and one sentence naming the key of
// whatever is wrong.
import { describe, expect, it } from 'vitest';
import { parseToolsConfig } from './tools-config';

const parse = (value: unknown, env: NodeJS.ProcessEnv = {}) =>
  parseToolsConfig(typeof value === 'string' ? value : JSON.stringify(value), 'baton.config.json', env);
const ref = (name: string) => `\${${name}}`;

describe('parseToolsConfig', () => {
  it('reads servers of both transports and http_fetch hosts, expanding environment variables into secrets', () => {
    const config = parse(
      {
        mcpServers: {
          files: { url: 'https://mcp.example/mcp', headers: { Authorization: `Bearer ${ref('FILES_TOKEN')}` } },
          git: {
            command: 'npx',
            args: ['-y', 'some-mcp-server'],
            env: { GIT_TOKEN: ref('GIT_TOKEN') },
            allowTools: ['log'],
            sideEffects: { log: false },
          },
        },
        httpFetch: {
          allowedHosts: [
            '*.wikipedia.org',
            { host: 'api.github.com', headers: { authorization: 'token literal-1234' } },
          ],
          allowPost: true,
        },
      },
      { FILES_TOKEN: 'files-secret-1', GIT_TOKEN: 'git-secret-2' },
    );
    expect(config.mcpServers).toEqual([
      {
        name: 'files',
        transport: 'http',
        url: 'https://mcp.example/mcp',
        headers: { Authorization: 'Bearer files-secret-1' },
        allowTools: null,
        sideEffects: {},
        connectTimeoutMs: 5_000,
      },
      {
        name: 'git',
        transport: 'stdio',
        command: 'npx',
        args: ['-y', 'some-mcp-server'],
        env: { GIT_TOKEN: 'git-secret-2' },
        cwd: null,
        allowTools: ['log'],
        sideEffects: { log: false },
        connectTimeoutMs: 20_000,
      },
    ]);
    expect(config.httpFetch).toEqual({
      allowedHosts: [
        { pattern: '*.wikipedia.org', headers: {} },
        { pattern: 'api.github.com', headers: { authorization: 'token literal-1234' } },
      ],
      allowPost: true,
      maxBytes: 1_000_000,
      timeoutMs: 15_000,
    });
    expect(config.secrets.sort()).toEqual(
      ['Bearer files-secret-1', 'files-secret-1', 'git-secret-2', 'token literal-1234'].sort(),
    );
  });

  it('counts the key parts of a server URL (user, password, query values) as secrets', () => {
    const config = parse({
      mcpServers: { a: { url: 'https://user:pass-word-9@mcp.example/mcp?api_key=query-key-12345' } },
    });
    expect(config.secrets).toEqual(expect.arrayContaining(['pass-word-9', 'query-key-12345']));
  });

  it('leaves http_fetch off without allowed hosts', () => {
    expect(parse({}).httpFetch).toBeNull();
    expect(parse({ httpFetch: { allowedHosts: [] } }).httpFetch).toBeNull();
  });

  it('says what is wrong in one sentence naming the key', () => {
    const cases: [unknown, string][] = [
      ['{ nope', 'baton.config.json is not valid JSON'],
      [
        { mcpServers: { files: { url: 'ftp://x' } } },
        'baton.config.json: mcpServers.files.url must be an http(s) URL.',
      ],
      [{ mcpServers: { files: { url: 'http://x', command: 'y' } } }, 'mcpServers.files must be one of the shapes'],
      [{ mcpServers: { a: { url: 'http://x', allowTools: 'echo' } } }, 'mcpServers.a.allowTools is wrong: '],
      [{ mcpServers: { Files: { url: 'http://x' } } }, 'baton.config.json: mcpServers.Files must be a-z, 0-9, _ and -'],
      [
        { mcpServers: { builtin: { url: 'http://x' } } },
        'baton.config.json: mcpServers.builtin is the engine’s own source name.',
      ],
      [{ mcpServrs: {} }, 'baton.config.json: (the top level) has a key this file does not know: mcpServrs.'],
      [{ httpFetch: { allowedHosts: ['http://a.com'] } }, 'baton.config.json: httpFetch.allowedHosts[0]'],
      [
        { httpFetch: { allowedHosts: ['a.com'], addressPolicy: 'loopback' } },
        'httpFetch has a key this file does not know: addressPolicy.',
      ],
      [
        { mcpServers: { files: { url: 'http://x', headers: { authorization: ref('MISSING') } } } },
        'baton.config.json: mcpServers.files.headers.authorization names the environment variable MISSING, which is not set.',
      ],
    ];
    for (const [value, message] of cases) expect(() => parse(value), message).toThrow(message);
  });
});
