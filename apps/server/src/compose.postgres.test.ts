// Two server processes on one PostgreSQL (two composed servers, each with its own pool, as two processes would be):
// they migrate and seed once between them, and runs started through both from one changed draft share its version.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isTerminalRunStatus, type RunRecord } from '@baton/contracts';
import { type PostgresServer, startPostgres } from '@baton/toolchain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer } from '../test/harness';
import { pgSchemaVersion } from './db/pg-database';
import { PG_MIGRATIONS } from './db/pg-migrations';
import { createMemoryLogger } from './logger';
import { seedExamples } from './seed';
import { openPgStores } from './store/open-stores';

const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples');

let postgres: PostgresServer;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop());

async function settled(server: ReturnType<typeof testServer>, runId: string): Promise<RunRecord> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const run = (await server.runs.getRun(runId))!;
    if (isTerminalRunStatus(run.status) || Date.now() > deadline) return run;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('two servers on one PostgreSQL', () => {
  it('migrate and seed the examples once when they start together, then start runs from one changed draft on one version', async () => {
    const url = postgres.createDatabase('two_servers');
    const [storesA, storesB, storesC] = await Promise.all([openPgStores(url), openPgStores(url), openPgStores(url)]);
    const a = testServer({ stores: storesA, idTag: 'a' });
    const b = testServer({ stores: storesB, idTag: 'b' });
    try {
      const pool = new pg.Pool({ connectionString: url });
      expect(await pgSchemaVersion(pool)).toBe(PG_MIGRATIONS.at(-1)!.version);
      await pool.end();

      const logger = createMemoryLogger([]);
      const seeded = await Promise.all(
        [a, b].map((server) => server.stores.once(() => seedExamples(server.graphs, examplesDir, logger))),
      );
      const all = seeded.flat();
      expect(all.length).toBeGreaterThan(0);
      expect(new Set(all).size).toBe(all.length);
      expect(seeded.filter((ids) => ids.length === 0)).toHaveLength(1);
      expect((await b.graphs.listGraphs()).length).toBe(all.length);

      const graphId = all[0]!;
      const graph = (await (await a.call('GET', `/api/graphs/${graphId}`)).json()) as {
        draft: { name: string };
        draftRevision: number;
      };
      const put = await b.call('PUT', `/api/graphs/${graphId}/draft`, {
        document: { ...graph.draft, name: 'Changed by b' },
        baseRevision: graph.draftRevision,
      });
      expect(put.status).toBe(200);
      const started = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 === 0 ? a : b).call('POST', `/api/graphs/${graphId}/runs`, { goal: `goal ${i}` }),
        ),
      );
      expect(started.map((r) => r.status)).toEqual([202, 202, 202, 202, 202, 202]);
      const runs = (await Promise.all(started.map((r) => r.json()))) as { runId: string; graphVersion: number }[];
      expect(new Set(runs.map((run) => run.graphVersion)).size).toBe(1);
      const versions = await a.graphs.listVersions(graphId);
      expect(versions.filter((v) => v.version === runs[0]!.graphVersion)).toHaveLength(1);
      expect((await a.graphs.getVersion(graphId, runs[0]!.graphVersion))!.document.name).toBe('Changed by b');

      // Each run completes on whichever server claimed it, and either server reads it with its whole log.
      for (const run of runs) {
        const done = await settled(a, run.runId);
        expect(done.status).toBe('completed');
        const fromB = (await (await b.call('GET', `/api/runs/${run.runId}`)).json()) as RunRecord;
        expect(fromB).toMatchObject({ status: 'completed', eventCount: done.eventCount, lastHash: done.lastHash });
        expect((await b.runs.readEvents(run.runId, 0)).length).toBe(done.eventCount);
      }
    } finally {
      await Promise.all([a.close(), b.close(), storesC.close()]);
    }
  }, 60_000);

  it('report on /api/health whether PostgreSQL can be reached', async () => {
    const url = postgres.createDatabase('health');
    const server = testServer({ stores: await openPgStores(url), execute: false });
    const admin = new pg.Pool({ connectionString: postgres.url });
    try {
      const up = await server.call('GET', '/api/health');
      expect(up.status).toBe(200);
      expect(await up.json()).toMatchObject({ ok: true, store: 'postgres' });
      // The database refuses new connections and drops the open ones: the pool cannot reach it any more.
      await admin.query('ALTER DATABASE health WITH ALLOW_CONNECTIONS false');
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'health'");
      const down = await server.call('GET', '/api/health');
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({
        error: {
          code: 'store_unreachable',
          message: expect.stringMatching(/^The postgres database cannot be reached: /),
        },
      });
      await admin.query('ALTER DATABASE health WITH ALLOW_CONNECTIONS true');
      // Back within a few health calls: connections dropped while it was down leave the pool as they fail.
      await expect.poll(async () => (await server.call('GET', '/api/health')).status, { timeout: 10_000 }).toBe(200);
    } finally {
      await server.close().catch(() => {});
      await admin.end();
    }
  }, 30_000);
});
