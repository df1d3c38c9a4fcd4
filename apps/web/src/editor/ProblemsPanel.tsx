// The problems list: every problem of the graph; clicking one selects and centres the node or edge it concerns.
import { formatJsonPath, type GraphIssue } from '@baton/contracts';
import { memo } from 'react';
import { useDocument } from './document-context';

export const ProblemsPanel = memo(function ProblemsPanel({ onReveal }: { onReveal(issue: GraphIssue): void }) {
  const problems = useDocument((state) => state.problems.all);
  const names = useDocument((state) => state.document.nodes);
  return (
    <section className="editor-problems" aria-label="Problems">
      <h2 className="editor-section-title">
        Problems <span className={`count-badge${problems.length > 0 ? ' is-bad' : ''}`}>{problems.length}</span>
      </h2>
      <ul className="problems-list" data-testid="problems-list">
        {problems.map((issue, index) => {
          const node = issue.nodeId ? names.find((n) => n.id === issue.nodeId) : undefined;
          const where = node ? node.data.name : issue.edgeId ? 'edge' : formatJsonPath(issue.path);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity of their own
            <li key={index}>
              <button
                type="button"
                className="problem-item"
                onClick={() => onReveal(issue)}
                title={formatJsonPath(issue.path)}
              >
                <span className="problem-item__where">{where}</span>
                <span className="problem-item__message">{issue.message}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {problems.length === 0 ? <p className="editor-empty">No problems: this graph can run.</p> : null}
    </section>
  );
});
