// Page object of the editor: palette, canvas nodes and handles, inspector, problems, save status, history, export.
import { type Download, expect, type Locator, type Page } from '@playwright/test';

export class EditorPage {
  readonly canvas: Locator;
  readonly pane: Locator;
  readonly inspector: Locator;
  readonly problems: Locator;
  readonly saveStatus: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.locator('.react-flow');
    this.pane = page.locator('.react-flow__pane');
    this.inspector = page.getByTestId('inspector');
    this.problems = page.getByTestId('problems-list');
    this.saveStatus = page.getByTestId('save-status');
  }

  async goto(graphId: string): Promise<void> {
    await this.page.goto(`/graphs/${encodeURIComponent(graphId)}`);
    await expect(this.canvas).toBeVisible();
    await this.waitForSteadyView();
  }

  /**
   * Waits until the first fit of the view has settled: the editor says it is over, and the viewport's transform is
   * unchanged for 10 frames. Positions measured before that (a handle to drag from, a node's box) can move under the
   * mouse, as they never do for a person, who looks before grabbing.
   */
  async waitForSteadyView(): Promise<void> {
    // The first fit starts only once React Flow has measured the nodes, which a busy machine can take longer for than
    // the 10 frames below: the editor marks its canvas when that fit is over.
    await expect(this.page.locator('.editor-canvas[data-view-settled]')).toBeAttached({ timeout: 10_000 });
    await this.page.waitForFunction(
      () =>
        new Promise<boolean>((resolve) => {
          const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
          const first = viewport?.style.transform;
          let frames = 0;
          const check = () => {
            if (viewport?.style.transform !== first) return resolve(false);
            if (++frames >= 10) return resolve(first !== undefined);
            requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        }),
      undefined,
      { timeout: 10_000 },
    );
  }

  node(id: string): Locator {
    return this.page.getByTestId(`node-${id}`);
  }

  async nodeIds(): Promise<string[]> {
    const ids = await this.page
      .locator('.react-flow__node')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-id') ?? ''));
    return ids.filter(Boolean);
  }

  /** Drags a kind from the palette onto the canvas at `at` (relative to the canvas) and returns the new node's id. */
  async dragFromPalette(kind: string, at: { x: number; y: number }): Promise<string> {
    const before = new Set(await this.nodeIds());
    await this.page.getByTestId(`palette-${kind}`).dragTo(this.pane, { targetPosition: at });
    let added: string | undefined;
    await expect
      .poll(async () => {
        added = (await this.nodeIds()).find((id) => !before.has(id));
        return added;
      })
      .toBeTruthy();
    return added as string;
  }

  handle(nodeId: string, handleId: string): Locator {
    return this.page.locator(`.react-flow__handle[data-nodeid="${nodeId}"][data-handleid="${handleId}"]`);
  }

  /** Draws an edge with the mouse, from one handle to another, as a person would. */
  async connect(source: { node: string; handle: string }, target: { node: string; handle: string }): Promise<void> {
    const from = await centre(this.handle(source.node, source.handle));
    const to = await centre(this.handle(target.node, target.handle));
    const mouse = this.page.mouse;
    await mouse.move(from.x, from.y);
    await mouse.down();
    await mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
    await mouse.move(to.x, to.y, { steps: 8 });
    await mouse.up();
  }

  /** Selects a node by clicking its header, which opens its form in the inspector. */
  async selectNode(id: string): Promise<void> {
    await this.node(id).locator('.baton-node__header').click();
  }

  /** Selects an edge by clicking its label (or its path when it has none). */
  async selectEdge(edgeId: string): Promise<void> {
    const label = this.page.getByTestId(`edge-label-${edgeId}`);
    if (await label.count()) await label.click();
    else
      await this.page
        .locator(`.react-flow__edge[data-id="${edgeId}"] .react-flow__edge-interaction`)
        .click({ force: true });
  }

  /** Renames a node through the inspector's name field. */
  async rename(nodeId: string, name: string): Promise<void> {
    await this.selectNode(nodeId);
    await this.inspector.getByTestId('field-name').fill(name);
    await expect(this.node(nodeId)).toContainText(name);
  }

  /** Sets the contract's minimum confidence with the slider's keys (steps of 0.05), as a keyboard user would. */
  async setConfidence(value: number): Promise<void> {
    const slider = this.inspector.getByTestId('field-contract-confidence');
    await slider.focus();
    await this.page.keyboard.press('Home');
    for (let i = 0; i < Math.round(value / 0.05); i++) await this.page.keyboard.press('ArrowRight');
    await expect(slider).toHaveValue(String(value));
  }

  async paneBox(): Promise<{ x: number; y: number; width: number; height: number }> {
    const box = await this.pane.boundingBox();
    if (!box) throw new Error('The canvas is not visible.');
    return box;
  }

  /** The canvas zoom, read from the viewport's transform. */
  async zoom(): Promise<number> {
    const transform = await this.page
      .locator('.react-flow__viewport')
      .evaluate((el) => (el as HTMLElement).style.transform);
    return Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? 1);
  }

  /** Zooms out with the canvas controls until the zoom is at most `max`. */
  async zoomOutTo(max: number): Promise<void> {
    for (let i = 0; i < 10 && (await this.zoom()) > max; i++) {
      await this.page.locator('.react-flow__controls-zoomout').click();
      await this.page.waitForTimeout(150);
    }
  }

  async waitSaved(): Promise<void> {
    await expect(this.saveStatus).toHaveText('Saved', { timeout: 10_000 });
  }

  async undo(): Promise<void> {
    await this.page.getByTestId('undo').click();
  }

  async redo(): Promise<void> {
    await this.page.getByTestId('redo').click();
  }

  /** Drops a file on the canvas, as a person dragging it from their desktop would. */
  async dropFile(name: string, text: string): Promise<void> {
    const dataTransfer = await this.page.evaluateHandle(
      ({ name, text }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], name, { type: 'application/json' }));
        return transfer;
      },
      { name, text },
    );
    for (const type of ['dragenter', 'dragover', 'drop']) await this.pane.dispatchEvent(type, { dataTransfer });
  }

  async exportJson(): Promise<Download> {
    await this.page.getByTestId('export-menu').click();
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('export-json').click();
    return download;
  }
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('The element is not visible.');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
