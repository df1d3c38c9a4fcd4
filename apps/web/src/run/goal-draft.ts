// The goal being typed, per graph, kept in this browser so that a reload (or a visit to another graph) keeps it.

const key = (graphId: string) => `baton.goal.${graphId}`;

export function readGoalDraft(graphId: string): string {
  try {
    return localStorage.getItem(key(graphId)) ?? '';
  } catch {
    return ''; // storage can be blocked: the box starts empty, as it did before
  }
}

export function writeGoalDraft(graphId: string, goal: string): void {
  try {
    if (goal === '') localStorage.removeItem(key(graphId));
    else localStorage.setItem(key(graphId), goal);
  } catch {
    // Not kept across reloads; typing still works.
  }
}
