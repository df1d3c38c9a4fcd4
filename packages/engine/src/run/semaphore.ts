// A counting semaphore: limits how many model calls (or subtasks) run at once, first come first served.
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private head = 0;

  constructor(private readonly limit: number) {}

  /**
   * Takes a slot: at once when one is free (then nothing to await, which saves a wide fan-out a promise per
   * subtask), or a promise that resolves when a slot is handed over.
   */
  acquire(): Promise<void> | undefined {
    if (this.active < this.limit) {
      this.active += 1;
      return undefined;
    }
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot straight to the next waiter, if any. */
  release(): void {
    if (this.head < this.waiting.length) {
      const next = this.waiting[this.head]!;
      this.waiting[this.head++] = undefined as unknown as () => void;
      if (this.head === this.waiting.length) {
        this.waiting.length = 0;
        this.head = 0;
      }
      next();
      return;
    }
    this.active -= 1;
  }
}
