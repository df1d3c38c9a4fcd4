// Every screen under the server's Content-Security-Policy, with a PNG export: zero violations, zero console errors.
import fs from 'node:fs';
import type { GraphDocument } from '@baton/contracts';
import { expect, type Page, test } from '@playwright/test';
import { EditorPage } from '../pages/editor-page';
import { GraphsPage } from '../pages/graphs-page';
import { importGraph, readExample, updateDraft } from '../pages/run-api';
import { RunPage } from '../pages/run-page';
import { CspWatch } from '../support/csp-watch';
import { startExtraServer } from '../support/extra-server';

/** The policy is really there: a test of "no violations" under no policy would prove nothing. */
async function expectPolicy(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("frame-ancestors 'none'");
}

async function expectClean(watch: CspWatch, screen: string): Promise<void> {
  expect(await watch.violations(), `CSP violations on ${screen}`).toEqual([]);
  expect(watch.consoleErrors, `console errors on ${screen}`).toEqual([]);
}

test('the policy is enforced and the watch sees a violation when there is one', async ({ page }) => {
  const watch = await CspWatch.on(page);
  await expectPolicy(page, '/');
  await expect(page.getByRole('heading', { name: 'Graphs', exact: true })).toBeVisible();
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
  await expect.poll(async () => (await watch.violations()).map((v) => v.directive)).toContain('script-src-elem');
});

test('graph list, editor, PNG export, a live run and the escalation dialog report no violation', async ({
  page,
  request,
}) => {
  const watch = await CspWatch.on(page);
  // A contract above the simulated provider's confidence, so that the run stops for a person.
  const imported = await importGraph(request, readExample('research-and-write'));
  const graph = await updateDraft(request, imported, (document: GraphDocument) => {
    for (const edge of document.edges) {
      if (edge.kind === 'handoff' && edge.contract) edge.contract = { ...edge.contract, requiredConfidence: 0.95 };
    }
    return document;
  });

  const graphs = new GraphsPage(page);
  await expectPolicy(page, '/');
  await expect(graphs.row(graph.id)).toBeVisible();
  await expectClean(watch, 'the graph list');

  const editor = new EditorPage(page);
  await graphs.row(graph.id).getByRole('link').first().click();
  await expect(editor.canvas).toBeVisible();
  await expect(editor.node('research')).toBeVisible();
  await editor.selectNode('research');
  await expect(editor.inspector).toBeVisible();
  await editor.selectEdge(graph.draft.edges.find((e) => e.kind === 'handoff' && e.contract)!.id);
  await expectClean(watch, 'the editor');

  await page.getByTestId('export-menu').click();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  const bytes = fs.readFileSync(await (await downloading).path());
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  expect(bytes.readUInt32BE(16)).toBeGreaterThan(1000);
  await expectClean(watch, 'the PNG export');

  const run = new RunPage(page);
  await expect(run.panel).toBeVisible();
  await run.start('Write a short briefing on heat pumps for homeowners');
  await expect(page.locator('[data-testid^="node-"][data-status="running"]').first()).toBeVisible();
  await expect(run.traceRows.first()).toBeVisible();
  await expectClean(watch, 'the live run');

  await expect(run.escalationDialog).toBeVisible({ timeout: 60_000 });
  await run.escalationDialog.getByTestId('escalation-edit').click();
  // The edit is checked in the browser against the contract (Ajv, which needs 'unsafe-eval').
  await run.escalationDialog.getByTestId('escalation-payload-input').fill('{"key_findings": 1, "confidence": 0.99}');
  await run.escalationDialog.getByTestId('escalation-send-edit').click();
  await expect(run.escalationDialog.getByTestId('escalation-problems')).toContainText('$.key_findings');
  await expectClean(watch, 'the escalation dialog');
  await run.escalationDialog.getByTestId('escalation-reject').click();
  await run.expectRunStatus('failed');
  await expectClean(watch, 'the ended run');
});

test('the sign-in screen reports no violation', async ({ page }) => {
  const server = await startExtraServer({ BATON_TOKEN: 'e2e-csp-token' });
  try {
    const watch = await CspWatch.on(page);
    await expectPolicy(page, `${server.baseURL}/`);
    const signIn = page.getByTestId('sign-in');
    await expect(signIn).toBeVisible();
    await signIn.getByLabel('Access token').fill('e2e-csp-token');
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('graph-list')).toBeVisible();
    // The app's API calls before signing in answer 401, which Chromium logs as failed loads: those lines only.
    const unauthorized = 'Failed to load resource: the server responded with a status of 401 (Unauthorized)';
    const others = watch.consoleErrors.filter((line) => line !== unauthorized);
    watch.consoleErrors.splice(0, watch.consoleErrors.length, ...others);
    await expectClean(watch, 'the sign-in screen');
  } finally {
    await server.stop();
  }
});
