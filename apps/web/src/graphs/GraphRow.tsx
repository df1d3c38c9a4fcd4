// One graph in the list: name and description, last saved, last run, and its actions.
import type { GraphSummary } from '@baton/contracts';
import { memo } from 'react';
import { graphPath, navigate, runPath } from '../app/router';
import { badgeClass, formatDateTime, formatRelativeTime, runStatusBadge } from '../ui/format';

export interface GraphRowProps {
  graph: GraphSummary;
  now: number;
  onRename(graph: GraphSummary): void;
  onDuplicate(graph: GraphSummary): void;
  onDelete(graph: GraphSummary): void;
}

export const GraphRow = memo(function GraphRow({ graph, now, onRename, onDuplicate, onDelete }: GraphRowProps) {
  const href = graphPath(graph.id);
  const run = graph.lastRun ? runStatusBadge(graph.lastRun.status) : null;
  return (
    <li className="graph-row" data-testid={`graph-row-${graph.id}`}>
      <a
        className="graph-row-main"
        href={href}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          navigate(href);
        }}
      >
        <span className="graph-row-name">{graph.name}</span>
        {graph.description && <span className="graph-row-description">{graph.description}</span>}
      </a>
      <span className="graph-row-cell" title={formatDateTime(graph.updatedAt)}>
        {formatRelativeTime(graph.updatedAt, now)}
      </span>
      <span className="graph-row-cell">
        {graph.latestVersion === null ? <span className="subtle">—</span> : `v${graph.latestVersion}`}
      </span>
      <span className="graph-row-cell">
        {graph.lastRun && run ? (
          <a
            className={`${badgeClass(run.tone)} badge-dot`}
            href={runPath(graph.id, graph.lastRun.id)}
            title={`Last run ${formatDateTime(graph.lastRun.createdAt)}`}
            onClick={(event) => {
              event.preventDefault();
              if (graph.lastRun) navigate(runPath(graph.id, graph.lastRun.id));
            }}
          >
            {run.label}
          </a>
        ) : (
          <span className="subtle">Never run</span>
        )}
      </span>
      <span className="graph-row-actions">
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => onRename(graph)}>
          Rename
        </button>
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => onDuplicate(graph)}>
          Duplicate
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm graph-row-delete"
          aria-label={`Delete ${graph.name}`}
          onClick={() => onDelete(graph)}
        >
          Delete
        </button>
      </span>
    </li>
  );
});
