// Page object of test cases in the run panel: "Save as test case" on a finished run, and the Tests tab.
import { expect, type Locator, type Page } from '@playwright/test';

export class TestsPage {
  readonly saveButton: Locator;
  readonly saveDialog: Locator;
  readonly tab: Locator;
  readonly cases: Locator;

  constructor(readonly page: Page) {
    this.saveButton = page.getByTestId('run-save-case');
    this.saveDialog = page.getByTestId('save-case-dialog');
    this.tab = page.getByTestId('run-tab-tests');
    this.cases = page.getByTestId('test-case');
  }

  testCase(name: string): Locator {
    return this.page.locator(`[data-testid="test-case"][data-case-name="${name}"]`);
  }

  /** Runs one case against the current draft and waits for its verdict. */
  async run(name: string): Promise<Locator> {
    const row = this.testCase(name);
    await row.getByTestId('test-case-run').click();
    await expect(row.getByTestId('case-verdict')).toBeVisible();
    return row;
  }

  step(row: Locator, stepKey: string): Locator {
    return row.locator(`[data-testid="case-step"][data-step-key="${stepKey}"]`);
  }
}
