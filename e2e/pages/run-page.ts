// Page object of the editor's run panel and the canvas's run state, for the run e2e specs.
import { expect, type Locator, type Page } from '@playwright/test';

export class RunPage {
  readonly panel: Locator;
  readonly goal: Locator;
  readonly runButton: Locator;
  readonly cancelButton: Locator;
  readonly status: Locator;
  readonly traceRows: Locator;
  readonly escalationDialog: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('run-panel');
    this.goal = page.getByTestId('run-goal');
    this.runButton = page.getByTestId('run-start');
    this.cancelButton = page.getByTestId('run-cancel');
    this.status = page.getByTestId('run-status');
    this.traceRows = page.getByTestId('trace-row');
    this.escalationDialog = page.getByTestId('escalation-dialog');
  }

  async open(graphId: string, runId?: string): Promise<void> {
    await this.page.goto(runId ? `/graphs/${graphId}/runs/${runId}` : `/graphs/${graphId}`);
    await expect(this.panel).toBeVisible();
  }

  /** Types the goal, presses Run and returns the new run's id (from the URL the panel navigates to). */
  async start(goal: string): Promise<string> {
    await this.goal.fill(goal);
    await expect(this.runButton).toBeEnabled();
    const before = this.page.url();
    await this.runButton.click();
    await this.page.waitForURL((url) => url.href !== before && /\/runs\/[^/]+$/.test(url.pathname));
    const runId = decodeURIComponent(new URL(this.page.url()).pathname.split('/').at(-1) as string);
    await expect(this.status).toHaveAttribute('data-run-id', runId);
    return runId;
  }

  node(nodeId: string): Locator {
    return this.page.getByTestId(`node-${nodeId}`);
  }

  async expectRunStatus(status: string, timeout = 60_000): Promise<void> {
    await expect(this.status).toHaveAttribute('data-status', status, { timeout });
  }

  /** The counters the run view keeps: events applied, last seq, actions. */
  async counts(): Promise<{ events: number; lastSeq: number; actions: number }> {
    const [events, lastSeq, actions] = await Promise.all([
      this.status.getAttribute('data-event-count'),
      this.status.getAttribute('data-last-seq'),
      this.status.getAttribute('data-action-count'),
    ]);
    return { events: Number(events), lastSeq: Number(lastSeq), actions: Number(actions) };
  }

  /** Action ids of the trace rows rendered now (the list is virtualised: only the visible ones). */
  async visibleActionIds(): Promise<string[]> {
    return this.traceRows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action-id') ?? ''));
  }

  tab(name: 'trace' | 'result' | 'history'): Locator {
    return this.page.getByTestId(`run-tab-${name}`);
  }
}
