// The run's meter against its budget: model calls, tokens, and active wall time (waiting for a person excluded).
// A resumed run starts from what its earlier attempts spent, so a crash never resets a budget.
import { DEFAULT_BUDGET, type ResolvedBudget, type Usage } from '@baton/contracts';
import { BudgetExceededError } from '../errors';
import { NO_PRIOR_SPEND, type PriorSpend } from './prior-spend';

export class BudgetMeter {
  modelCalls: number;
  toolCalls: number;
  usage: Usage;
  private readonly startedAt: number;
  private readonly priorActiveMs: number;
  private waitedMs = 0;
  private waitingSince: number | null = null;

  constructor(
    readonly budget: ResolvedBudget,
    private readonly clock: () => number,
    prior: PriorSpend = NO_PRIOR_SPEND,
  ) {
    this.startedAt = clock();
    this.modelCalls = prior.modelCalls;
    this.toolCalls = prior.toolCalls;
    this.usage = { ...prior.usage };
    this.priorActiveMs = prior.activeMs;
  }

  /** Throws when one more model call would go past a limit, or wall time is used up. */
  beforeCall(): void {
    if (this.modelCalls >= this.budget.maxModelCalls) {
      throw new BudgetExceededError('maxModelCalls', this.budget.maxModelCalls, this.modelCalls);
    }
    if (this.usage.totalTokens >= this.budget.maxTokens) {
      throw new BudgetExceededError('maxTokens', this.budget.maxTokens, this.usage.totalTokens);
    }
    this.checkWall();
  }

  startCall(): void {
    this.modelCalls += 1;
  }

  /** Counts one tool call, or throws when the run has made all it may (or its wall time is used up). */
  startToolCall(): void {
    const limit = this.budget.maxToolCalls ?? DEFAULT_BUDGET.maxToolCalls!;
    if (this.toolCalls >= limit) throw new BudgetExceededError('maxToolCalls', limit, this.toolCalls);
    this.checkWall();
    this.toolCalls += 1;
  }

  /** Adds a call's usage; throws when the tokens reach the limit, so nothing more is spent. */
  addUsage(usage: Usage): void {
    this.usage = {
      inputTokens: this.usage.inputTokens + usage.inputTokens,
      outputTokens: this.usage.outputTokens + usage.outputTokens,
      totalTokens: this.usage.totalTokens + usage.totalTokens,
    };
    if (this.usage.totalTokens >= this.budget.maxTokens) {
      throw new BudgetExceededError('maxTokens', this.budget.maxTokens, this.usage.totalTokens);
    }
  }

  checkWall(): void {
    const activeSeconds = this.activeMs() / 1000;
    if (activeSeconds >= this.budget.maxWallSeconds) {
      throw new BudgetExceededError('maxWallSeconds', this.budget.maxWallSeconds, Math.round(activeSeconds * 10) / 10);
    }
  }

  startWaiting(): void {
    this.waitingSince ??= this.clock();
  }

  stopWaiting(): void {
    if (this.waitingSince === null) return;
    this.waitedMs += this.clock() - this.waitingSince;
    this.waitingSince = null;
  }

  activeMs(): number {
    const now = this.clock();
    const waiting = this.waitingSince === null ? 0 : now - this.waitingSince;
    return this.priorActiveMs + Math.max(0, now - this.startedAt - this.waitedMs - waiting);
  }
}
