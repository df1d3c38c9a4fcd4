// Page object of the graphs page: the list of graphs, creating one, importing a file, and the row actions.
import { expect, type Locator, type Page } from '@playwright/test';

export class GraphsPage {
  readonly list: Locator;
  readonly importProblems: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByTestId('graph-list');
    this.importProblems = page.getByTestId('import-problems');
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: 'Graphs', exact: true })).toBeVisible();
  }

  row(graphId: string): Locator {
    return this.page.getByTestId(`graph-row-${graphId}`);
  }

  /** Creates a graph through the "New graph" dialog and returns its id once the editor has opened it. */
  async createGraph(name: string): Promise<string> {
    await this.page.getByRole('button', { name: 'New graph' }).first().click();
    const dialog = this.page.getByTestId('name-dialog');
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Create graph' }).click();
    await this.page.waitForURL(/\/graphs\/[^/]+$/);
    return graphIdFromUrl(this.page.url());
  }

  /** Picks a file with the "Import…" button's file input. */
  async importFile(file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.page.getByTestId('import-file-input').setInputFiles(file);
  }

  /** Drops a file onto the page, as a person dragging it from their desktop would. */
  async dropFile(name: string, text: string): Promise<void> {
    const target = this.page.locator('.drop-zone').first();
    const dataTransfer = await this.page.evaluateHandle(
      ({ name, text }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], name, { type: 'application/json' }));
        return transfer;
      },
      { name, text },
    );
    await target.dispatchEvent('dragenter', { dataTransfer });
    await target.dispatchEvent('dragover', { dataTransfer });
    await target.dispatchEvent('drop', { dataTransfer });
  }
}

export function graphIdFromUrl(url: string): string {
  const match = /\/graphs\/([^/?#]+)/.exec(new URL(url).pathname);
  if (!match?.[1]) throw new Error(`Not an editor URL: ${url}`);
  return decodeURIComponent(match[1]);
}
