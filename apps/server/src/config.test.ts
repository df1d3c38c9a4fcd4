import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configuredSecrets, isLoopbackHost, readConfig } from './config';

describe('readConfig: prices', () => {
  it('prices the default tiers out of the box', () => {
    expect(readConfig({}, '/srv').prices).toEqual({
      'gpt-4.1-nano': { input: 0.1, output: 0.4 },
      'gpt-4.1-mini': { input: 0.4, output: 1.6 },
      'gpt-4.1': { input: 2, output: 8 },
    });
  });

  it('adds and overrides prices from BATON_MODEL_PRICES', () => {
    const { prices } = readConfig(
      { BATON_MODEL_PRICES: '{"llama3": {"input": 0, "output": 0}, "gpt-4.1": {"input": 1, "output": 4}}' },
      '/srv',
    );
    expect(prices.llama3).toEqual({ input: 0, output: 0 });
    expect(prices['gpt-4.1']).toEqual({ input: 1, output: 4 });
    expect(prices['gpt-4.1-mini']).toEqual({ input: 0.4, output: 1.6 });
  });

  it('says where BATON_MODEL_PRICES is wrong', () => {
    expect(() => readConfig({ BATON_MODEL_PRICES: '{nope' }, '/srv')).toThrow(/^BATON_MODEL_PRICES must be JSON/);
    expect(() => readConfig({ BATON_MODEL_PRICES: '{"m": {"input": -1, "output": 1}}' }, '/srv')).toThrow(
      'BATON_MODEL_PRICES at $.m.input: A price cannot be negative.',
    );
    expect(() => readConfig({ BATON_MODEL_PRICES: '{"m": {"input": 1}}' }, '/srv')).toThrow(
      /^BATON_MODEL_PRICES at \$\.m\.output: /,
    );
  });
});

describe('readConfig', () => {
  it('has the documented defaults', () => {
    const config = readConfig({}, '/srv/baton');
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8787,
      dataDir: '/srv/baton/data',
      databaseUrl: null,
      token: null,
      openai: null,
      models: { fast: 'gpt-4.1-nano', balanced: 'gpt-4.1-mini', deep: 'gpt-4.1' },
      simulated: { callDelayMs: 150, tokenDelayMs: 15, confidence: 0.9 },
      allowedHosts: [],
      trustedProxies: [],
      sourceMaps: false,
    });
    expect(config.webDir.endsWith(path.join('apps', 'web', 'dist'))).toBe(true);
  });

  it('reads every variable, resolving relative paths from where npm was started', () => {
    const config = readConfig({
      INIT_CWD: '/repo',
      HOST: '0.0.0.0',
      PORT: '9000',
      BATON_DATA_DIR: 'var/db',
      BATON_TOKEN: ' secret-token ',
      OPENAI_API_KEY: 'sk-x',
      OPENAI_BASE_URL: 'http://localhost:11434/v1',
      BATON_MODEL_FAST: 'llama3',
      BATON_SIM_CALL_MS: '0',
      BATON_SIM_CONFIDENCE: '0.5',
      BATON_ALLOWED_HOSTS: 'Baton.example, other.example',
      BATON_TRUSTED_PROXIES: '10.0.0.1, ::1',
      BATON_SOURCE_MAPS: '1',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      dataDir: '/repo/var/db',
      token: 'secret-token',
      openai: { apiKey: 'sk-x', baseURL: 'http://localhost:11434/v1' },
      models: { fast: 'llama3', balanced: 'gpt-4.1-mini' },
      simulated: { callDelayMs: 0, tokenDelayMs: 15, confidence: 0.5 },
      allowedHosts: ['baton.example', 'other.example'],
      trustedProxies: ['10.0.0.1', '::1'],
      sourceMaps: true,
    });
  });

  it('refuses malformed numbers with a sentence naming the variable', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
    expect(() => readConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => readConfig({ BATON_SIM_CONFIDENCE: '2' })).toThrow(
      /BATON_SIM_CONFIDENCE must be a number from 0 to 1/,
    );
    expect(() => readConfig({ BATON_TRUSTED_PROXIES: '10.0.0.1, proxy.example' })).toThrow(
      'BATON_TRUSTED_PROXIES must list IP addresses, separated by commas; got "proxy.example".',
    );
    expect(() => readConfig({ BATON_SOURCE_MAPS: 'yes' })).toThrow('BATON_SOURCE_MAPS must be 1 or 0, got "yes".');
  });

  it('knows loopback hosts', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '192.168.1.2', 'example.com', '::']) expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe('readConfig: BATON_DATABASE_URL', () => {
  it('chooses PostgreSQL for a postgres URL, keeps its password out of logs, and refuses anything else', () => {
    const url = 'postgres://baton:s3cr%40t@db.example:5432/baton';
    const config = readConfig({ BATON_DATABASE_URL: ` ${url} ` }, '/srv');
    expect(config.databaseUrl).toBe(url);
    expect(configuredSecrets(config)).toContain('s3cr@t');
    expect(readConfig({ BATON_DATABASE_URL: 'postgresql://localhost/baton' }, '/srv').databaseUrl).toBe(
      'postgresql://localhost/baton',
    );
    for (const wrong of ['mysql://localhost/baton', 'localhost:5432', 'sqlite:data/baton.db']) {
      expect(() => readConfig({ BATON_DATABASE_URL: wrong }, '/srv')).toThrow(
        /^BATON_DATABASE_URL must be a PostgreSQL URL/,
      );
    }
  });
});

describe('readConfig: BATON_QUEUE_URL and the run settings', () => {
  const pg = { BATON_DATABASE_URL: 'postgres://baton:pw@db:5432/baton' };
  it('takes a Redis URL with PostgreSQL, keeps its password out of logs, and reads lease, concurrency and patience', () => {
    const config = readConfig(
      {
        ...pg,
        BATON_QUEUE_URL: 'redis://:q%2Fpass@queue:6379/2',
        BATON_LEASE_MS: '2000',
        BATON_WORKER_CONCURRENCY: '4',
        BATON_NO_WORKER_AFTER_MS: '3000',
      },
      '/srv',
    );
    expect(config).toMatchObject({
      queueUrl: 'redis://:q%2Fpass@queue:6379/2',
      leaseMs: 2000,
      workerConcurrency: 4,
      noWorkerAfterMs: 3000,
    });
    expect(configuredSecrets(config)).toEqual(['pw', 'q/pass']);
    expect(readConfig({}, '/srv')).toMatchObject({ queueUrl: null, leaseMs: 15_000, workerConcurrency: 16 });
  });

  it('refuses a queue that is not Redis, a queue without PostgreSQL, and a lease too short to renew', () => {
    expect(() => readConfig({ ...pg, BATON_QUEUE_URL: 'postgres://db/q' }, '/srv')).toThrow(
      /^BATON_QUEUE_URL must be a Redis URL/,
    );
    expect(() => readConfig({ BATON_QUEUE_URL: 'redis://127.0.0.1:6379' }, '/srv')).toThrow(
      /BATON_QUEUE_URL needs BATON_DATABASE_URL/,
    );
    expect(() => readConfig({ BATON_LEASE_MS: '100' }, '/srv')).toThrow(
      /BATON_LEASE_MS must be a whole number from 500/,
    );
  });
});

describe('readConfig: OpenTelemetry export', () => {
  it('is off unless an OTLP endpoint is set, and off again when disabled', () => {
    expect(readConfig({}, '/srv').otel).toBeNull();
    const on = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' };
    expect(readConfig(on, '/srv').otel).toEqual({
      tracesUrl: 'http://collector:4318/v1/traces',
      headers: {},
      serviceName: 'baton',
      timeoutMs: 10_000,
      captureContent: false,
    });
    expect(readConfig({ ...on, OTEL_SDK_DISABLED: 'true' }, '/srv').otel).toBeNull();
    expect(readConfig({ ...on, OTEL_TRACES_EXPORTER: 'none' }, '/srv').otel).toBeNull();
  });

  it('reads the traces endpoint, headers, service name, timeout and the content switch', () => {
    const config = readConfig(
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://otlp.example.com/api/traces',
        OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Basic%20c2VjcmV0,x-team=a',
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-team=b',
        OTEL_SERVICE_NAME: 'agents',
        OTEL_EXPORTER_OTLP_TIMEOUT: '2500',
        OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'TRUE',
      },
      '/srv',
    );
    expect(config.otel).toEqual({
      tracesUrl: 'https://otlp.example.com/api/traces',
      headers: { authorization: 'Basic c2VjcmV0', 'x-team': 'b' },
      serviceName: 'agents',
      timeoutMs: 2500,
      captureContent: true,
    });
    expect(configuredSecrets(config)).toEqual(['Basic c2VjcmV0', 'b']);
  });

  it('says what is wrong', () => {
    expect(() => readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, '/srv')).toThrow(/http\(s\) URL/);
    expect(() =>
      readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, '/srv'),
    ).toThrow(/grpc is not supported/);
    expect(() =>
      readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_HEADERS: '=x' }, '/srv'),
    ).toThrow(/has no key/);
  });
});

describe('readConfig: the configuration file', () => {
  const write = (text: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-config-'));
    fs.writeFileSync(path.join(dir, 'baton.config.json'), text);
    return dir;
  };

  it('reads baton.config.json where the server starts; its credentials join the secrets', () => {
    const dir = write(
      JSON.stringify({ mcpServers: { files: { url: 'http://127.0.0.1:9/mcp', headers: { a: `\${T}` } } } }),
    );
    try {
      const config = readConfig({ T: 'header-secret-77' }, dir);
      expect(config.configFile).toBe(path.join(dir, 'baton.config.json'));
      expect(config.tools.mcpServers.map((s) => s.name)).toEqual(['files']);
      expect(configuredSecrets(config)).toContain('header-secret-77');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the file BATON_CONFIG names, and stops with one sentence naming the key when it is wrong', () => {
    const dir = write(JSON.stringify({ httpFetch: { allowedHosts: ['a.example'], maxBytes: -1 } }));
    try {
      expect(() => readConfig({ BATON_CONFIG: 'baton.config.json' }, dir)).toThrow(
        /^baton\.config\.json: httpFetch\.maxBytes is wrong: .*\.$/,
      );
      expect(() => readConfig({ BATON_CONFIG: 'missing.json' }, dir)).toThrow(
        `BATON_CONFIG names ${path.join(dir, 'missing.json')}, which does not exist.`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has no tools configured without a file', () => {
    expect(readConfig({}, os.tmpdir()).tools).toEqual({ mcpServers: [], httpFetch: null, secrets: [] });
  });
});
