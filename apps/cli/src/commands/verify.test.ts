import { readFileSync, writeFileSync } from 'node:fs';
import { isTerminalRunStatus, type RunRecord, type StartRunResponse } from '@baton/contracts';
import * as engine from '@baton/engine';
import { compose } from '@baton/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baton, example, tempDir } from '../../test/baton';
import { EXIT } from '../exit-codes';

const temp = tempDir();
const good = temp.path('good.json');
afterAll(() => temp.remove());
beforeAll(async () => {
  const made = await baton(['run', example('peer-review'), '--goal', 'Relays', '--trace', good, '--quiet']);
  expect(made.code).toBe(EXIT.ok);
});

/** The good trace with one change, written to its own file. */
function tampered(
  name: string,
  change: (trace: { events: Record<string, unknown>[]; run: Record<string, unknown> }) => void,
) {
  const trace = JSON.parse(readFileSync(good, 'utf8'));
  change(trace);
  const file = temp.path(name);
  writeFileSync(file, JSON.stringify(trace));
  return file;
}

describe('baton verify', () => {
  it('says an untouched trace is intact, with exit 0', async () => {
    const { code, stdout } = await baton(['verify', good]);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(/good\.json: intact\. \d+ events of run run_[\w-]+ \(completed\)/);
  });

  it('names the event whose content was changed, and where it is in the file; exit 1', async () => {
    const file = tampered('changed.json', (trace) => {
      const index = trace.events.findIndex((e) => e.type === 'action.completed');
      trace.events[index]!.output = 'something the agent never said';
    });
    const { code, stderr } = await baton(['verify', file]);
    expect(code).toBe(EXIT.failed);
    expect(stderr).toMatch(
      /the chain is broken at event (\d+) \(action\.completed, at \$\.events\[\d+\]\): Event \1 was changed/,
    );
  });

  it('catches a removed event and a log cut short', async () => {
    const removed = tampered('removed.json', (trace) => {
      trace.events.splice(3, 1);
      trace.run.eventCount = trace.events.length;
    });
    expect((await baton(['verify', removed])).stderr).toContain('event 5');
    const cut = tampered('cut.json', (trace) => {
      trace.events.pop();
    });
    const cutResult = await baton(['verify', cut, '--json']);
    expect(cutResult.code).toBe(EXIT.failed);
    expect(JSON.parse(cutResult.stdout)).toMatchObject({ ok: false, seq: null });
  });

  it('refuses a file that is not a trace with exit 3 and the JSON path of the problem', async () => {
    const file = tampered('not-a-trace.json', (trace) => {
      (trace as Record<string, unknown>).format = 'baton.graph';
    });
    const { code, stderr } = await baton(['verify', file]);
    expect(code).toBe(EXIT.invalid);
    expect(stderr).toContain('is not a Baton trace file');
    expect(stderr).toContain('$.format');
  });

  it('verifies the trace the server exports (the web app’s “Export trace”): one format for both', async () => {
    const quiet = { info() {}, warn() {}, error() {} };
    const server = compose({
      dataDir: ':memory:',
      engine,
      provider: engine.createSimulatedProvider({ callDelayMs: 0, tokenDelayMs: 0 }),
      logger: quiet,
      token: null,
      allowedHostnames: null,
      secrets: [],
      webDir: null,
      version: 'test',
    });
    void server.runExecutor.start(); // compose wires the executor; it takes runs once started, as main.ts does
    try {
      const call = (method: string, path: string, body?: unknown) =>
        server.app.request(`http://localhost${path}`, {
          method,
          headers: { 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      const graph = (await (
        await call('POST', '/api/graphs/import', JSON.parse(readFileSync(example('peer-review'), 'utf8')))
      ).json()) as { id: string };
      const { runId } = (await (
        await call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'Relays' })
      ).json()) as StartRunResponse;
      for (let run: RunRecord | undefined; !run || !isTerminalRunStatus(run.status); ) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        run = (await (await call('GET', `/api/runs/${runId}`)).json()) as RunRecord;
      }
      const file = temp.path('server-trace.json');
      writeFileSync(file, await (await call('GET', `/api/runs/${runId}/trace`)).text());
      const { code, stdout } = await baton(['verify', file]);
      expect(code).toBe(EXIT.ok);
      expect(stdout).toContain(`of run ${runId} (completed)`);
    } finally {
      await server.close();
    }
  });
});
