// Page object of a specialist's Tools section in the inspector: the tools it has, and the "Add tool" picker.
import { expect, type Locator, type Page } from '@playwright/test';

export class ToolsSection {
  readonly root: Locator;
  readonly picker: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('inspector').getByTestId('tools-section');
    this.picker = this.root.getByTestId('tool-picker');
  }

  /** Opens the picker (the section's chunk loads with the specialist's form). */
  async openPicker(): Promise<void> {
    await this.root.getByTestId('add-tool').click();
    await expect(this.picker).toBeVisible();
  }

  group(source: string): Locator {
    return this.picker.locator(`[data-testid="tool-group"][data-source="${source}"]`);
  }

  option(source: string, name: string): Locator {
    return this.picker.locator(`[data-testid="tool-option"][data-tool="${source}/${name}"]`);
  }

  item(source: string, name: string): Locator {
    return this.root.locator(`[data-testid="tool-item"][data-tool="${source}/${name}"]`);
  }

  /** Adds a tool from the picker and waits for it in the agent's list. */
  async add(source: string, name: string): Promise<void> {
    await this.option(source, name).click();
    await expect(this.item(source, name)).toBeVisible();
  }
}
