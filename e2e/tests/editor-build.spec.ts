// Building the research-and-write graph from an empty canvas with the mouse, as a new user would, and finding it
// saved on the server: palette drags, handle-to-handle connections, names and a contract set in the inspector.
import type { GraphDocument } from '@baton/contracts';
import { expect, test } from '@playwright/test';
import { EditorPage } from '../pages/editor-page';
import { GraphApi } from '../pages/graph-api';
import { GraphsPage } from '../pages/graphs-page';

test.use({ viewport: { width: 1440, height: 900 } });

const FINDINGS_SCHEMA = {
  type: 'object',
  properties: {
    key_findings: { type: 'array', items: { type: 'string' } },
    sources: { type: 'array', items: { type: 'string' } },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
  },
  required: ['key_findings', 'sources', 'confidence'],
};

test('build research-and-write from an empty canvas, see it valid, saved and on the server', async ({
  page,
  request,
}) => {
  const graphs = new GraphsPage(page);
  const editor = new EditorPage(page);
  const api = new GraphApi(request);

  await graphs.goto();
  const graphId = await graphs.createGraph('Research and write, by hand');
  await expect(editor.canvas).toBeVisible();

  // Empty the starter graph: select everything and delete it.
  await editor.pane.click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await editor.zoomOutTo(0.75);

  // A dropped node is selected and the inspector opens beside the canvas: each drop is placed in the pane as it is.
  const at = async (fx: number, fy: number) => {
    const box = await editor.paneBox();
    return { x: Math.round(box.width * fx), y: Math.round(box.height * fy) };
  };
  const input = await editor.dragFromPalette('input', await at(0.12, 0.45));
  const lead = await editor.dragFromPalette('orchestrator', await at(0.36, 0.45));
  const research = await editor.dragFromPalette('specialist', await at(0.62, 0.2));
  const writer = await editor.dragFromPalette('specialist', await at(0.62, 0.72));
  const output = await editor.dragFromPalette('output', await at(0.87, 0.45));

  // Names are what models and people read.
  await editor.rename(lead, 'lead');
  await editor.rename(research, 'research');
  await editor.rename(writer, 'writer');
  await editor.selectNode(research);
  await editor.inspector.getByTestId('field-description').fill('Finds the facts and their sources.');
  await editor.selectNode(writer);
  await editor.inspector.getByTestId('field-description').fill('Turns the findings into an article.');

  // Orchestrator without workers, an output with nothing coming in... the problems say so.
  await expect(editor.problems.locator('li')).not.toHaveCount(0);

  await editor.connect({ node: input, handle: 'out' }, { node: lead, handle: 'in' });
  await editor.connect({ node: lead, handle: 'dispatch' }, { node: research, handle: 'worker' });
  await editor.connect({ node: lead, handle: 'dispatch' }, { node: writer, handle: 'worker' });
  await editor.connect({ node: research, handle: 'out' }, { node: writer, handle: 'in' });
  await editor.connect({ node: lead, handle: 'out' }, { node: output, handle: 'in' });
  await expect(page.locator('.react-flow__edge')).toHaveCount(5);

  // The contract on research -> writer, set in the inspector.
  await editor.waitSaved();
  const saved = (await api.get(graphId)).draft;
  const handoff = saved.edges.find((edge) => edge.source === research && edge.target === writer);
  expect(handoff?.kind).toBe('handoff');
  await editor.selectEdge(handoff!.id);
  await editor.inspector.getByTestId('add-contract').click();
  await editor.inspector.getByTestId('field-contract-name').fill('research_findings');
  await editor.inspector.getByTestId('field-contract-schema').fill(JSON.stringify(FINDINGS_SCHEMA, null, 2));
  await editor.setConfidence(0.7);
  await editor.inspector.getByTestId('field-contract-policy').selectOption('escalate');

  // No problems left: the graph can run.
  await expect(editor.problems.locator('li')).toHaveCount(0);
  await expect(page.getByText('No problems: this graph can run.')).toBeVisible();
  await editor.waitSaved();

  // Reload: everything is still there.
  await page.reload();
  await expect(editor.canvas).toBeVisible();
  for (const [id, name] of [
    [input, 'input'],
    [lead, 'lead'],
    [research, 'research'],
    [writer, 'writer'],
    [output, 'output'],
  ] as const) {
    await expect(editor.node(id)).toContainText(name);
  }
  await expect(page.getByTestId(`edge-label-${handoff!.id}`)).toContainText('research_findings');
  await expect(editor.saveStatus).toHaveText('Saved');

  // And the server has it: the same nodes, edges and contract.
  const draft: GraphDocument = (await api.get(graphId)).draft;
  const names = Object.fromEntries(draft.nodes.map((node) => [node.id, node.data.name]));
  expect(draft.nodes.map((node) => `${node.kind}:${node.data.name}`).sort()).toEqual([
    'input:input',
    'orchestrator:lead',
    'output:output',
    'specialist:research',
    'specialist:writer',
  ]);
  expect(draft.edges.map((edge) => `${edge.kind}:${names[edge.source]}->${names[edge.target]}`).sort()).toEqual([
    'dispatch:lead->research',
    'dispatch:lead->writer',
    'handoff:input->lead',
    'handoff:lead->output',
    'handoff:research->writer',
  ]);
  const edge = draft.edges.find((e) => e.id === handoff!.id);
  expect(edge?.kind === 'handoff' ? edge.contract : undefined).toEqual({
    name: 'research_findings',
    schema: FINDINGS_SCHEMA,
    requiredConfidence: 0.7,
    onLowConfidence: 'escalate',
  });
});
