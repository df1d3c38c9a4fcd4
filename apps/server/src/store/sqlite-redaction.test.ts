// A stored run redacted the documented way: the content is gone from the database file, and the log verifies.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyRunLog } from '@baton/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { agentGraph } from '../../test/documents';
import { type TestServer, testServer } from '../../test/harness';
import { collectSse } from '../../test/sse';
import { createSqliteRedactor } from './sqlite-redaction';

const PASTED = 'pasted-secret-7c41e09b';

let server: TestServer;
let dataDir: string;
afterEach(async () => {
  await server?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function finishedRun(goal: string) {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-redact-'));
  server = testServer({ dataDir, fake: { stepMs: 0 } });
  const graph = (await (await server.call('POST', '/api/graphs', { document: agentGraph() })).json()) as { id: string };
  const { runId } = (await (await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal })).json()) as {
    runId: string;
  };
  await collectSse(await server.call('GET', `/api/runs/${runId}/events`));
  return runId;
}

async function storedLog(runId: string) {
  const run = (await server.runs.getRun(runId))!;
  const events = await server.runs.readEvents(runId, 0);
  return { run, events, verified: verifyRunLog(events, { lastHash: run.lastHash, count: run.eventCount }) };
}

describe('createSqliteRedactor', () => {
  it('replaces the event, appends the sealed redaction, and the stored log verifies', async () => {
    const runId = await finishedRun(`Summarise this, my key is ${PASTED}`);
    const before = await storedLog(runId);
    const started = before.events.find((e) => e.type === 'run.started')!;
    expect(JSON.stringify(started)).toContain(PASTED);

    const redact = createSqliteRedactor(server.db!, server.runs, () => 1_800_000_000_000);
    const { redaction } = await redact({ runId, seq: started.seq, paths: [['goal']], reason: 'a pasted secret' });
    let after = await storedLog(runId);
    expect(after.verified).toEqual({ ok: true });
    expect(after.run.eventCount).toBe(before.run.eventCount + 1);
    expect(after.events.at(-1)).toEqual(redaction);
    expect(after.events[started.seq - 1]).toMatchObject({ goal: '[redacted]', redacted: true, digest: started.digest });

    // The goal was echoed into later events too (the result): each is redacted the same way, with its own event.
    const echoes = after.events.filter((e) => JSON.stringify(e).includes(PASTED));
    expect(echoes.length).toBeGreaterThan(0);
    for (const echo of echoes) await redact({ runId, seq: echo.seq });
    after = await storedLog(runId);
    expect(after.verified).toEqual({ ok: true });
    expect(after.run.eventCount).toBe(before.run.eventCount + 1 + echoes.length);
    const rows = await server.runs.readEventTexts(runId, 0);
    expect(rows.some((row) => row.body.includes(PASTED))).toBe(false);
    // An edit after the redactions is still caught.
    const edited = after.events.map((e) => (e.seq === started.seq ? { ...e, goal: 'forged' } : e));
    expect(verifyRunLog(edited, { lastHash: after.run.lastHash, count: after.run.eventCount })).toMatchObject({
      ok: false,
      seq: started.seq,
    });
    // The redaction events change nothing of the run's status.
    expect(after.run.status).toBe(before.run.status);
  });

  it('leaves a log that verifies when the process stops between the append and the replace', async () => {
    const runId = await finishedRun('Nothing to hide');
    const { events } = await storedLog(runId);
    const failingDb = new Proxy(server.db!, {
      get: (target, key) =>
        key === 'prepare'
          ? () => ({
              run: () => {
                throw new Error('the process stopped here');
              },
            })
          : Reflect.get(target, key),
    });
    const redact = createSqliteRedactor(failingDb, server.runs);
    await expect(redact({ runId, seq: events[0]!.seq })).rejects.toThrow('the process stopped here');
    expect((await storedLog(runId)).verified).toEqual({ ok: true });
  });

  it('refuses a run that is unknown or an event that cannot be redacted', async () => {
    const runId = await finishedRun('Go');
    const redact = createSqliteRedactor(server.db!, server.runs);
    await expect(redact({ runId: 'run_nope', seq: 1 })).rejects.toMatchObject({
      name: 'NotFoundError',
      code: 'run_not_found',
    });
    await expect(redact({ runId, seq: 999 })).rejects.toThrow(/no event 999/);
    await expect(redact({ runId, seq: 1, paths: [['runId']] })).rejects.toThrow(/identifies the event/);
    expect((await storedLog(runId)).verified).toEqual({ ok: true });
  });
});
