// The in-process scripted model all implementations call: fixed answers after L ms (L = 0: no timer at all).

export interface Subtask {
  id: string;
  description: string;
  assigned_to: string;
  depends_on: string[];
}

export interface Review {
  approved: boolean;
  issues: string[];
}

export const WORKER_NAME = 'worker';

export interface ScriptedModel {
  readonly latencyMs: number;
  /** How many calls were answered, so a case can check that the work was really done. */
  readonly calls: number;
  specialist(task: string): Promise<string>;
  decompose(width: number): Promise<Subtask[]>;
  synthesise(results: readonly string[]): Promise<string>;
  review(round: number): Promise<Review>;
  revise(round: number): Promise<string>;
}

export function subtasks(width: number): Subtask[] {
  return Array.from({ length: width }, (_, i) => ({
    id: `t${i + 1}`,
    description: `Part ${i + 1} of the goal`,
    assigned_to: WORKER_NAME,
    depends_on: [],
  }));
}

export function createScriptedModel(latencyMs: number): ScriptedModel {
  let calls = 0;
  // At L = 0 an already-resolved promise: the cost measured is the framework's, not a timer's.
  const answer = <T>(value: T): Promise<T> => {
    calls++;
    if (latencyMs === 0) return Promise.resolve(value);
    return new Promise((resolve) => setTimeout(resolve, latencyMs, value));
  };
  return {
    latencyMs,
    get calls() {
      return calls;
    },
    specialist: (task) => answer(`done: ${task.slice(0, 40)}`),
    decompose: (width) => answer(subtasks(width)),
    synthesise: (results) => answer(`synthesis of ${results.length} results`),
    review: (round) => answer({ approved: false, issues: [`round ${round}: not yet`] }),
    revise: (round) => answer(`draft ${round + 1}`),
  };
}
