// Flattens the action tree into the rows the virtualised trace list shows: collapse state and filters applied.
import type { ActionType } from '@baton/contracts';
import type { RunViewStore } from './run-view-store';

export interface TraceFilter {
  /** Node ids to show; empty shows every agent. */
  agentIds: ReadonlySet<string>;
  /** Action types to show; empty shows every type. */
  actionTypes: ReadonlySet<ActionType>;
}

export interface TraceRow {
  id: string;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
  /** False for an ancestor shown only to give a match its context. */
  matches: boolean;
  /** True when the parent action is the same agent's: the row need not repeat the agent's name. */
  sameAgent: boolean;
}

export const NO_FILTER: TraceFilter = { agentIds: new Set(), actionTypes: new Set() };

export function isFiltering(filter: TraceFilter): boolean {
  return filter.agentIds.size > 0 || filter.actionTypes.size > 0;
}

/**
 * Depth-first rows of the tree. With a filter, an action is shown when it matches or when one of its
 * descendants does (then it is shown as context); collapsed actions hide their children.
 */
export function visibleRows(store: RunViewStore, collapsed: ReadonlySet<string>, filter: TraceFilter): TraceRow[] {
  const rows: TraceRow[] = [];
  const filtering = isFiltering(filter);
  const matches = (id: string): boolean => {
    const action = store.getAction(id);
    if (!action) return false;
    return (
      (filter.agentIds.size === 0 || filter.agentIds.has(action.agentId)) &&
      (filter.actionTypes.size === 0 || filter.actionTypes.has(action.actionType))
    );
  };
  // Which subtrees hold a match, computed once per call (bottom-up, iteratively: trees can be deep).
  const included = new Map<string, boolean>();
  if (filtering) {
    const order: string[] = [];
    const stack = [...store.childrenOf(null)];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      order.push(id);
      for (const child of store.childrenOf(id)) stack.push(child);
    }
    for (let i = order.length - 1; i >= 0; i--) {
      const id = order[i] as string;
      included.set(id, matches(id) || store.childrenOf(id).some((child) => included.get(child) === true));
    }
  }
  const stack: { id: string; depth: number; parentAgent: string | null }[] = [];
  const pushChildren = (parent: string | null, depth: number, parentAgent: string | null) => {
    const kids = store.childrenOf(parent);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ id: kids[i] as string, depth, parentAgent });
  };
  pushChildren(null, 0, null);
  while (stack.length > 0) {
    const { id, depth, parentAgent } = stack.pop() as { id: string; depth: number; parentAgent: string | null };
    if (filtering && !included.get(id)) continue;
    const kids = store.childrenOf(id);
    const hasChildren = filtering ? kids.some((k) => included.get(k) === true) : kids.length > 0;
    const expanded = !collapsed.has(id);
    const agent = store.getAction(id)?.agentId ?? null;
    rows.push({
      id,
      depth,
      hasChildren,
      expanded,
      matches: !filtering || matches(id),
      sameAgent: agent === parentAgent,
    });
    if (hasChildren && expanded) pushChildren(id, depth + 1, agent);
  }
  return rows;
}

/** The time axis of the timeline: from the first action (or the run's start) to the end, or to `now` while live. */
export function timeAxis(store: RunViewStore, now: number): { start: number; end: number } {
  const summary = store.getSummary();
  let start = summary.startedAt ?? Number.POSITIVE_INFINITY;
  let end = summary.endedAt ?? now;
  for (const action of store.allActions()) {
    if (action.startedAt < start) start = action.startedAt;
    if (action.endedAt !== null && action.endedAt > end) end = action.endedAt;
  }
  if (!Number.isFinite(start)) start = now;
  return { start, end: Math.max(end, start + 1) };
}
