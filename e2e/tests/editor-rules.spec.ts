// Graphs that cannot run are refused: a disconnected graph and a contract schema whose text is not JSON are problems
// on the canvas and in the list, Run waits until they are fixed, and the server refuses the run too.
import type { GraphRecord } from '@baton/contracts';
import { expect, test } from '@playwright/test';
import { EditorPage } from '../pages/editor-page';
import { GraphApi } from '../pages/graph-api';
import { RunPage } from '../pages/run-page';

test('the starter graph with its edge deleted is a problem on the output, and Run waits', async ({ page, request }) => {
  const created = await request.post('/api/graphs', { data: { name: `Cut wire ${Date.now()}` } });
  expect(created.status()).toBe(201);
  const graph = (await created.json()) as GraphRecord;
  const editor = new EditorPage(page);
  const run = new RunPage(page);
  await editor.goto(graph.id);
  await run.goal.fill('Say hello');
  await expect(page.getByText('No problems: this graph can run.')).toBeVisible();
  await expect(run.runButton).toBeEnabled();

  // A straight edge has a flat box that Playwright will not click: click the middle of the wire, as a person would.
  const from = (await editor.node('input').boundingBox())!;
  const to = (await editor.node('output').boundingBox())!;
  await page.mouse.click((from.x + from.width + to.x) / 2, from.y + from.height / 2);
  await expect(page.locator('.react-flow__edge.selected')).toHaveCount(1);
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);

  const message =
    'The output "output" is not reached from the input "input": no edges lead to it, so a run would leave it empty.';
  await expect(editor.problems).toContainText(message);
  await expect(editor.node('output')).toHaveClass(/has-problem/);
  await expect(editor.node('output').getByRole('img', { name: /^Problem: The output "output"/ })).toBeVisible();
  await expect(run.runButton).toBeDisabled();
  await expect(run.panel).toContainText("Fix the graph's problems to run it.");

  // The server applies the same rule: the saved draft is refused with the node's path.
  await editor.waitSaved();
  const refused = await request.post(`/api/graphs/${graph.id}/runs`, { data: { goal: 'Say hello' } });
  expect(refused.status()).toBe(400);
  const body = (await refused.json()) as { error: { issues: { path: string; message: string }[] } };
  expect(body.error.issues).toEqual([
    expect.objectContaining({ path: '$.nodes[1]', message: expect.stringContaining(message) }),
  ]);
  await page.screenshot({ path: 'test-results/rules-disconnected.png' });
});

test('a contract schema whose text is not JSON is a problem on its edge until it is fixed', async ({
  page,
  request,
}) => {
  const api = new GraphApi(request);
  const graph = await api.importExample('research-and-write', `Schema text ${Date.now()}`);
  const editor = new EditorPage(page);
  const run = new RunPage(page);
  await editor.goto(graph.id);
  await run.goal.fill('Write about relays');
  await expect(run.runButton).toBeEnabled();

  const handoff = graph.draft.edges.find((edge) => edge.kind === 'handoff' && edge.contract);
  expect(handoff, 'the example has a handoff with a contract').toBeTruthy();
  const edgeId = handoff!.id;
  const index = graph.draft.edges.indexOf(handoff!);
  await editor.selectEdge(edgeId);
  const schemaField = editor.inspector.getByTestId('field-contract-schema');
  await schemaField.fill('{ "type": "object", ');

  await expect(editor.problems).toContainText('cannot be applied: The text is not valid JSON');
  await expect(editor.problems).toContainText('the graph keeps the schema from before and cannot run');
  await expect(editor.problems.getByTitle(`$.edges[${index}].contract.schema`)).toBeVisible();
  await expect(page.getByTestId(`edge-label-${edgeId}`).getByRole('img', { name: /cannot be applied/ })).toBeVisible();
  await expect(run.runButton).toBeDisabled();

  // Leaving the edge and coming back keeps the text and the problem: nothing is silently dropped.
  await editor.pane.click({ position: { x: 20, y: 20 } });
  await editor.selectEdge(edgeId);
  await expect(schemaField).toHaveValue('{ "type": "object", ');
  await expect(run.runButton).toBeDisabled();
  await page.screenshot({ path: 'test-results/rules-schema-text.png' });

  // JSON that is not a schema that compiles is a problem too (the graph's own rule).
  await schemaField.fill('{ "type": "object", "properties": { "summary": { "minLength": -1 } } }');
  await expect(editor.problems).toContainText('cannot be used: The schema is not valid JSON Schema 2020-12');
  await expect(editor.problems).not.toContainText('cannot be applied');
  await expect(run.runButton).toBeDisabled();

  // The example's own schema again: valid JSON that compiles and requires the confidence.
  const original = handoff?.kind === 'handoff' ? handoff.contract?.schema : undefined;
  await schemaField.fill(JSON.stringify(original, null, 2));
  await expect(page.getByText('No problems: this graph can run.')).toBeVisible();
  await expect(run.runButton).toBeEnabled();
});
