// Lists every problem of a refused import, each with its JSON path, and says plainly that nothing was created.
import type { ApiIssue } from '@baton/contracts';
import { Dialog } from '../ui/Dialog';

export interface ImportProblems {
  fileName: string;
  message: string;
  issues: ApiIssue[];
}

export function ImportProblemsDialog({ problems, onClose }: { problems: ImportProblems | null; onClose(): void }) {
  return (
    <Dialog
      open={problems !== null}
      onClose={onClose}
      title="This file cannot be imported"
      wide
      testId="import-problems"
      actions={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          Close
        </button>
      }
    >
      {problems && (
        <>
          <p className="dialog-text">
            <strong>{problems.fileName}</strong> has {countLabel(problems.issues.length)}. Nothing was imported.
          </p>
          <ul className="issue-list" data-testid="import-issues">
            {problems.issues.map((issue, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: issues are a fixed list; two may share a path
              <li key={index}>
                <span className="issue-path">{issue.path}</span>
                <span>{issue.message}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}

function countLabel(count: number): string {
  return count === 1 ? 'a problem' : `${count} problems`;
}
