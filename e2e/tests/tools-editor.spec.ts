// Tools in the editor (issue 19): the inspector lists the server's tool sources from GET /api/tools, a live MCP server
// (the suite's test tools, see support/mcp-sources.ts) and one nobody listens on, with why it is unreachable; a
// person gives a specialist two MCP tools, one that needs approval, runs the graph with the simulated provider, sees
// the calls in the trace, approves the one that waits (WAITING on its node and row), and the run completes.
import type { GraphDocument } from '@baton/contracts';
import { expect, test } from '@playwright/test';
import { EditorPage } from '../pages/editor-page';
import { getTrace, importGraph, readExample, TOOLS_EXAMPLE } from '../pages/run-api';
import { RunPage } from '../pages/run-page';
import { ToolsSection } from '../pages/tools-section';
import { MCP_DEAD_SOURCE, MCP_LIVE_SOURCE } from '../support/mcp-sources';

/** The calculator example's analyst with no tools yet: the person picks them. */
function withoutTools(document: GraphDocument): GraphDocument {
  for (const node of document.nodes) if (node.kind === 'specialist') delete node.data.tools;
  return document;
}

test('a person adds MCP tools to a specialist, runs it, and approves the call that asks', async ({ page, request }) => {
  const graph = await importGraph(request, withoutTools(readExample(TOOLS_EXAMPLE)));
  await page.setViewportSize({ width: 1440, height: 1000 });
  const editor = new EditorPage(page);
  await editor.goto(graph.id);
  await expect(editor.node('analyst').locator('.baton-node__tools')).toHaveCount(0);
  await editor.selectNode('analyst');

  const tools = new ToolsSection(page);
  await expect(tools.root.getByTestId('tools-count')).toHaveText('0 of 32');
  await tools.openPicker();

  // Every source in its own group: the built-ins, the live MCP server with its tools, and the dead one with why.
  await expect(tools.group('builtin')).toBeVisible();
  const live = tools.group(MCP_LIVE_SOURCE);
  await expect(live).toHaveAttribute('data-reachable', 'true');
  await expect(tools.option(MCP_LIVE_SOURCE, 'echo')).toContainText('Says the text back.');
  await expect(tools.option(MCP_LIVE_SOURCE, 'add')).toContainText('Adds two numbers.');
  // The MCP server marks `wipe` as not read-only: it may have side effects, and the picker says so.
  await expect(tools.option(MCP_LIVE_SOURCE, 'wipe').getByTestId('tool-side-effects')).toBeVisible();
  await expect(tools.option(MCP_LIVE_SOURCE, 'echo').getByTestId('tool-side-effects')).toHaveCount(0);
  const dead = tools.group(MCP_DEAD_SOURCE);
  await expect(dead).toHaveAttribute('data-reachable', 'false');
  await expect(dead.getByTestId('tool-group-error')).toHaveText(/^It is unreachable: .+/);
  await expect(dead.getByTestId('tool-option')).toHaveCount(0);

  // Two MCP tools (not built-ins): `echo` runs as called, `add` waits for a person.
  await tools.add(MCP_LIVE_SOURCE, 'echo');
  await tools.add(MCP_LIVE_SOURCE, 'add');
  await expect(tools.option(MCP_LIVE_SOURCE, 'echo')).toHaveCount(0);
  await tools.item(MCP_LIVE_SOURCE, 'add').getByTestId('tool-approval').check();
  await expect(tools.root.getByTestId('tools-count')).toHaveText('2 of 32');

  // The canvas shows them as chips, the one that asks first marked.
  const chips = editor.node('analyst').locator('.baton-node__tools li');
  await expect(chips).toHaveText(['echo', 'add']);
  await expect(chips.nth(1)).toHaveClass(/is-approval/);
  await editor.waitSaved();
  const saved = await (await request.get(`/api/graphs/${graph.id}`)).json();
  const analyst = saved.draft.nodes.find((node: { id: string }) => node.id === 'analyst');
  expect(analyst.data.tools).toEqual([
    { source: MCP_LIVE_SOURCE, name: 'echo' },
    { source: MCP_LIVE_SOURCE, name: 'add', requiresApproval: true },
  ]);

  // The simulated analyst calls each read-only tool once; `add` waits for approval.
  const run = new RunPage(page);
  const runId = await run.start('Add two numbers and say them back.');
  const dialog = run.escalationDialog;
  await expect(dialog).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByTestId('escalation-tool-name')).toContainText('add');
  await run.expectRunStatus('waiting');
  await expect(run.node('analyst').getByTestId('node-status')).toHaveText(/waiting/i);
  const rowsOf = (type: string, name: string) =>
    page.locator(`[data-testid="trace-row"][data-action-type="${type}"]`).filter({
      has: page.locator('.trace-tool-name', { hasText: new RegExp(`^${name}$`) }),
    });
  // The engine asks before the call's own tool_call action starts: the waiting row is its question, named by tool.
  const asking = rowsOf('escalation', 'add');
  await expect(asking).toHaveAttribute('data-status', 'waiting');
  await expect(asking.getByTestId('trace-row-waiting')).toHaveText(/waiting/i);
  await expect(rowsOf('tool_call', 'echo')).toHaveAttribute('data-status', 'completed');

  await dialog.getByTestId('escalation-approve').click();
  await expect(dialog).toBeHidden();
  await run.expectRunStatus('completed');
  await expect(asking).toHaveAttribute('data-status', 'completed');
  await expect(asking.getByTestId('trace-row-waiting')).toHaveCount(0);
  await expect(rowsOf('tool_call', 'add')).toHaveAttribute('data-status', 'completed');
  await expect(run.node('analyst')).toHaveAttribute('data-status', 'completed');

  // The stored trace agrees: both calls went to the MCP server and completed, the approval is recorded.
  const trace = await getTrace(request, runId);
  const calls = trace.events.filter((e) => e.type === 'action.started' && e.actionType === 'tool_call');
  expect(calls.map((e) => e.type === 'action.started' && e.tool?.name).sort()).toEqual(['add', 'echo']);
  expect(trace.events.find((e) => e.type === 'escalation.resolved')).toMatchObject({ decision: 'approve' });
});
