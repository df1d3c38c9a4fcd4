// The base of every Baton error: a stable `code` for machines, a sentence for people, and the cause.
import type { GraphIssue } from './graph/issues';

export class BatonError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A graph that breaks the format or its rules; `issues` holds every problem, each with its JSON path. */
export class GraphValidationError extends BatonError {
  readonly issues: GraphIssue[];

  constructor(issues: GraphIssue[], message = describeIssues(issues)) {
    super('invalid_graph', message);
    this.issues = issues;
  }
}

function describeIssues(issues: GraphIssue[]): string {
  const first = issues[0];
  if (!first) return 'The graph is not valid.';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `The graph is not valid: ${first.message}${more}`;
}
