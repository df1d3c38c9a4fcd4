// Past runs: the history lists them, opening one replays its trace from stored events, and the trace exports as JSON.
import { readFile } from 'node:fs/promises';
import type { GraphRecord, RunEvent } from '@baton/contracts';
import { expect, test } from '@playwright/test';
import { importGraph, readExample, updateDraft } from '../pages/run-api';
import { RunPage } from '../pages/run-page';

test('opens a past run from history and exports its trace', async ({ page, request }) => {
  const graph = await importGraph(request, readExample('peer-review'));
  const run = new RunPage(page);
  await run.open(graph.id);
  const firstRun = await run.start('Write a product announcement for a solar kettle');
  await run.expectRunStatus('completed');
  const firstCounts = await run.counts();
  const secondRun = await run.start('Write a haiku about kettles');
  await run.expectRunStatus('completed');

  // A fresh page: the history lists both runs, newest first, with goal and status.
  await run.open(graph.id);
  await run.tab('history').click();
  const items = page.getByTestId('run-history-item');
  await expect(items).toHaveCount(2);
  await expect(items.first()).toHaveAttribute('data-run-id', secondRun);
  await expect(items.nth(1)).toContainText('solar kettle');
  await expect(items.nth(1)).toContainText('Completed');

  await items.nth(1).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${firstRun}$`));
  await run.expectRunStatus('completed');
  expect(await run.counts()).toEqual(firstCounts);
  await expect(run.traceRows.first()).toBeVisible();
  await expect(run.node('writer')).toHaveAttribute('data-status', 'completed');

  const downloading = page.waitForEvent('download');
  await page.getByTestId('run-export-trace').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`baton-trace-${firstRun}.json`);
  const trace = JSON.parse(await readFile(await download.path(), 'utf8')) as {
    run: { id: string };
    events: RunEvent[];
  };
  expect(trace.run.id).toBe(firstRun);
  expect(trace.events).toHaveLength(firstCounts.events);
  expect(trace.events.map((e) => e.seq)).toEqual(trace.events.map((_, i) => i + 1));

  // The same run from the trace menu as OpenTelemetry spans: OTLP JSON Lines, one request per line, one trace.
  const downloadingOtlp = page.waitForEvent('download');
  await page.getByTestId('run-export-otlp').click();
  const otlp = await downloadingOtlp;
  expect(otlp.suggestedFilename()).toBe(`baton-trace-${firstRun}.otlp.jsonl`);
  const lines = (await readFile(await otlp.path(), 'utf8')).trimEnd().split('\n');
  const spans = lines.flatMap((line) =>
    (
      JSON.parse(line) as {
        resourceSpans: { scopeSpans: { spans: { traceId: string; name: string; parentSpanId?: string }[] }[] }[];
      }
    ).resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((s) => s.spans)),
  );
  expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
  expect(spans.filter((s) => s.name.startsWith('invoke_workflow '))).toHaveLength(1);
  expect(spans.some((s) => s.name === 'invoke_agent writer')).toBe(true);
});

test('a past run opened over a changed draft says so and can show the version it ran', async ({ page, request }) => {
  const graph = await importGraph(request, readExample('peer-review'));
  const run = new RunPage(page);
  await run.open(graph.id);
  const runId = await run.start('Write a product announcement for a solar kettle');
  await run.expectRunStatus('completed');

  // The draft moves on: the writer is renamed and gets a new id.
  const current = (await (await request.get(`/api/graphs/${graph.id}`)).json()) as GraphRecord;
  await updateDraft(request, current, (document) => {
    const rename = (id: string) => (id === 'writer' ? 'author' : id);
    for (const node of document.nodes) {
      if (node.id === 'writer' && node.kind === 'specialist') node.data.name = 'author';
      node.id = rename(node.id);
    }
    for (const edge of document.edges) {
      edge.source = rename(edge.source);
      edge.target = rename(edge.target);
    }
    return document;
  });

  await run.open(graph.id, runId);
  await run.expectRunStatus('completed');
  const notice = page.getByTestId('run-version-notice');
  await expect(notice).toContainText('version 1');
  await expect(run.node('author')).toBeVisible();
  await page.getByTestId('run-open-version').click();
  await expect(notice).toBeHidden();
  await expect(run.node('writer')).toHaveAttribute('data-status', 'completed');
});
