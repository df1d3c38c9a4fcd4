// Two real server processes (src/main.ts) started at once on one PostgreSQL: both come up, the schema and the
// examples are made once, and runs started through either from one changed draft run on one version.
import { isTerminalRunStatus, type RunRecord } from '@baton/contracts';
import { type PostgresServer, startPostgres } from '@baton/toolchain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer } from '../test/child-server';

let postgres: PostgresServer;
const children: ChildServer[] = [];
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  for (const child of children) {
    child.process.kill('SIGTERM');
    await child.exited;
  }
  await postgres?.stop();
});

const json = async <T>(response: Promise<Response>): Promise<T> => (await response).json() as Promise<T>;

describe('BATON_DATABASE_URL', () => {
  it('lets two server processes started together share one PostgreSQL', async () => {
    const url = postgres.createDatabase('two_processes');
    const env = {
      BATON_DATABASE_URL: url,
      BATON_DATA_DIR: '/nonexistent/not-used',
      BATON_SIM_CALL_MS: '0',
      BATON_SIM_TOKEN_MS: '0',
    };
    const [a, b] = await Promise.all([startChildServer(env, 40_000), startChildServer(env, 40_000)]);
    children.push(a!, b!);
    expect(a!.output()).toContain('data in PostgreSQL');
    const listA = await json<{ items: { id: string }[] }>(fetch(`${a!.url}/api/graphs`));
    const listB = await json<{ items: { id: string }[] }>(fetch(`${b!.url}/api/graphs`));
    expect(listA.items.length).toBeGreaterThan(0);
    expect(listB.items.map((g) => g.id).sort()).toEqual(listA.items.map((g) => g.id).sort());
    expect(new Set(listA.items.map((g) => g.id)).size).toBe(listA.items.length);

    const graphId = listA.items[0]!.id;
    const graph = await json<{ draft: object; draftRevision: number }>(fetch(`${a!.url}/api/graphs/${graphId}`));
    const put = await fetch(`${b!.url}/api/graphs/${graphId}/draft`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ document: { ...graph.draft, name: 'Changed' }, baseRevision: graph.draftRevision }),
    });
    expect(put.status).toBe(200);
    const started = await Promise.all(
      [a!, b!, a!, b!].map((server, i) =>
        json<{ runId: string; graphVersion: number }>(
          fetch(`${server.url}/api/graphs/${graphId}/runs`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ goal: `goal ${i}` }),
          }),
        ),
      ),
    );
    expect(new Set(started.map((s) => s.graphVersion)).size).toBe(1);
    for (const { runId } of started) {
      const deadline = Date.now() + 20_000;
      let run: RunRecord;
      do {
        run = await json<RunRecord>(fetch(`${b!.url}/api/runs/${runId}`));
        if (isTerminalRunStatus(run.status)) break;
        await new Promise((r) => setTimeout(r, 100));
      } while (Date.now() < deadline);
      expect(run.status).toBe('completed');
    }
  }, 90_000);
});
