// Which steps (by step key) a run has started, completed (or decided) and left waiting on a person: what a resumed
// attempt reuses, repeats, or waits on again. The run view's bookkeeping for its attempt markers.

export class AttemptSteps {
  private readonly started = new Set<string>();
  private readonly done = new Set<string>();
  private readonly asking = new Set<string>();

  start(key: string | null): void {
    if (key !== null) this.started.add(key);
  }

  complete(key: string | null): void {
    if (key !== null) this.done.add(key);
  }

  ask(key: string | null): void {
    if (key !== null) this.asking.add(key);
  }

  decide(key: string | null): void {
    if (key !== null) this.asking.delete(key);
  }

  /** A question nobody has answered yet: a resumed attempt that starts its step again is still waiting. */
  isAsking(key: string | null): boolean {
    return key !== null && this.asking.has(key);
  }

  /**
   * A new attempt begins: steps completed before are reused, steps started and not completed run again (a question
   * still open for a person is neither). Counts both, then carries only the completed steps over.
   */
  beginAttempt(): { reused: number; repeated: number } {
    let repeated = 0;
    for (const key of this.started) if (!this.done.has(key) && !this.asking.has(key)) repeated += 1;
    this.started.clear();
    for (const key of this.done) this.started.add(key);
    return { reused: this.done.size, repeated };
  }
}
