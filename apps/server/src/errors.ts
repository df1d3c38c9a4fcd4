// Domain errors of the stores and the run lifecycle: a stable code and a sentence, no HTTP status. Only the HTTP layer
// (http/on-error.ts) maps them to statuses, so the run service and executor can live in a worker that answers no HTTP.
import { type ApiIssue, BatonError } from '@baton/contracts';

/** The input is not acceptable (a run input against its schema, an edited payload against its contract...). */
export class InvalidRequestError extends BatonError {
  readonly issues: ApiIssue[];

  constructor(message: string, issues: ApiIssue[] = [], code = 'invalid_request') {
    super(code, message);
    this.issues = issues;
  }
}

export class NotFoundError extends BatonError {
  constructor(what: string, code = 'not_found') {
    super(code, `${what} does not exist.`);
  }
}

/** The request is valid but the state moved on (a stale draft, a decided escalation, a run already going on). */
export class ConflictError extends BatonError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}
