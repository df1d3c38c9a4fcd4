// The run's progress on stderr: a live view of the agents on a terminal, one plain line per change otherwise.
import { assertNever, type RunEvent } from '@baton/contracts';
import type { Output } from '../output';
import { type AgentRow, AgentRows, type AgentState } from './agent-rows';

export interface ProgressView {
  onEvent(event: RunEvent): void;
  /** Stops drawing while a question is asked on the same terminal. */
  pause(): void;
  resume(): void;
  /** Draws the last frame and leaves the cursor below it. */
  finish(): void;
}

export function createProgressView(mode: 'tty' | 'plain' | 'none', output: Output, columns = 80): ProgressView {
  switch (mode) {
    case 'tty':
      return new TerminalView(output, columns);
    case 'plain':
      return new PlainView(output);
    case 'none':
      return { onEvent() {}, pause() {}, resume() {}, finish() {} };
    default:
      return assertNever(mode, 'progress mode');
  }
}

const SYMBOL: Record<AgentState | 'waiting', string> = {
  running: '…',
  completed: '✓',
  failed: '✗',
  skipped: '–',
  waiting: '?',
  cancelled: '✗',
};
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 100;

/** Redraws the block of agent rows in place (cursor up, clear line) at most every FRAME_MS. */
class TerminalView implements ProgressView {
  private readonly agents = new AgentRows();
  private drawn = 0;
  private frame = 0;
  private paused = false;
  private timer: NodeJS.Timeout | null = null;
  private startedAt = Date.now();

  constructor(
    private readonly output: Output,
    private readonly columns: number,
  ) {}

  onEvent(event: RunEvent): void {
    if (event.type === 'run.started') this.startedAt = Date.now();
    this.agents.apply(event);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.draw();
    }, FRAME_MS);
  }

  pause(): void {
    this.draw();
    this.paused = true;
    // The question goes below the last frame; the next frame starts below the answer.
    this.drawn = 0;
  }

  resume(): void {
    this.paused = false;
  }

  finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.paused = false;
    this.draw();
  }

  private draw(): void {
    if (this.paused) return;
    this.frame += 1;
    const lines = [...this.agents.rows.values()].map((row) => this.line(row));
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(1);
    lines.push(`  ${this.agents.modelCalls} model calls · ${this.agents.usage.totalTokens} tokens · ${seconds} s`);
    const up = this.drawn > 0 ? `\x1b[${this.drawn}F` : '';
    this.output.err(`${up}${lines.map((line) => `\x1b[2K${line}\n`).join('')}`);
    this.drawn = lines.length;
  }

  private line(row: AgentRow): string {
    const state = row.waiting > 0 ? 'waiting' : row.state;
    const symbol = state === 'running' ? SPINNER[this.frame % SPINNER.length]! : SYMBOL[state];
    const head = `${symbol} ${row.name.padEnd(16)} ${state.padEnd(9)} ${String(row.tokens).padStart(6)} tok  `;
    const room = Math.max(0, this.columns - head.length - 1);
    const text = row.lastText.length > room ? `…${row.lastText.slice(-(room - 1))}` : row.lastText;
    return (head + text).slice(0, Math.max(1, this.columns - 1));
  }
}

/** For logs and CI: a line when an agent starts or ends, and one for the run's end. */
class PlainView implements ProgressView {
  private readonly agents = new AgentRows();

  constructor(private readonly output: Output) {}

  onEvent(event: RunEvent): void {
    const change = this.agents.apply(event);
    if (change) {
      const { row } = change;
      if (change.what === 'started') this.output.err(`${row.name}: started\n`);
      else {
        const took = row.endedAt === null ? '' : ` in ${((row.endedAt - row.startedAt) / 1000).toFixed(1)} s`;
        const detail = row.state === 'skipped' ? ` (${row.lastText})` : row.tokens > 0 ? `, ${row.tokens} tokens` : '';
        this.output.err(`${row.name}: ${row.state}${row.state === 'skipped' ? '' : took}${detail}\n`);
      }
    }
    if (event.type === 'run.started') this.output.err(`run ${event.runId}: started (${event.provider.kind} models)\n`);
    if (event.type === 'escalation.requested') {
      this.output.err(`escalation ${event.escalationId} on edge ${event.edgeId}: ${event.reason}\n`);
    }
    if (event.type === 'escalation.resolved') this.output.err(`escalation ${event.escalationId}: ${event.decision}\n`);
    if (event.type === 'budget.exceeded')
      this.output.err(`budget: ${event.limit} reached (${event.spent} of ${event.limitValue})\n`);
  }

  pause(): void {}
  resume(): void {}
  finish(): void {}
}
