// Filters of the trace: by agent (shared with the canvas: clicking a node sets it) and by action type.
import { type ActionType, ActionType as ActionTypeSchema } from '@baton/contracts';
import { useMemo } from 'react';
import { useRunSession, useTraceFocus } from './run-session';
import type { RunViewStore } from './run-view-store';
import { focusNode } from './trace-focus';
import { useStructureVersion } from './view-hooks';

export interface TraceFiltersProps {
  store: RunViewStore;
  actionType: ActionType | null;
  onActionType(type: ActionType | null): void;
}

export function TraceFilters({ store, actionType, onActionType }: TraceFiltersProps) {
  const { focus } = useRunSession();
  const nodeId = useTraceFocus((state) => state.nodeId);
  const version = useStructureVersion(store);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is how the store says its actions changed.
  const agents = useMemo(() => {
    const byId = new Map<string, string>();
    for (const action of store.allActions()) byId.set(action.agentId, action.agentName);
    return [...byId].sort((a, b) => a[1].localeCompare(b[1]));
  }, [store, version]);
  const agentKnown = nodeId === null || agents.some(([id]) => id === nodeId);
  return (
    <div className="trace-filters">
      <select
        className="select"
        aria-label="Filter by agent"
        data-testid="trace-filter-agent"
        value={nodeId ?? ''}
        onChange={(event) => focusNode(focus, event.target.value === '' ? null : event.target.value)}
      >
        <option value="">All agents</option>
        {agents.map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
        {!agentKnown && nodeId !== null && <option value={nodeId}>{nodeId} (no actions)</option>}
      </select>
      <select
        className="select"
        aria-label="Filter by action type"
        data-testid="trace-filter-type"
        value={actionType ?? ''}
        onChange={(event) => onActionType(event.target.value === '' ? null : (event.target.value as ActionType))}
      >
        <option value="">All action types</option>
        {ActionTypeSchema.options.map((type) => (
          <option key={type} value={type}>
            {type}
          </option>
        ))}
      </select>
    </div>
  );
}
