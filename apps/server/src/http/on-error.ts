// The one place errors become responses: `{ error: { code, message, issues[] } }`, the right status, never a stack.
import { type ApiErrorBody, type ApiIssue, formatJsonPath, GraphValidationError } from '@baton/contracts';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ConflictError, InvalidRequestError, NotFoundError } from '../errors';
import type { Logger } from '../logger';
import { HttpError } from './errors';

export function errorBody(code: string, message: string, issues: ApiIssue[] = []): ApiErrorBody {
  return { error: { code, message, issues } };
}

export function createErrorHandler(logger: Logger) {
  return (error: Error, c: Context): Response => {
    if (error instanceof HttpError) {
      return c.json(errorBody(error.code, error.message, error.issues), error.status, error.headers);
    }
    if (error instanceof InvalidRequestError) {
      return c.json(errorBody(error.code, error.message, error.issues), 400);
    }
    if (error instanceof NotFoundError) return c.json(errorBody(error.code, error.message), 404);
    if (error instanceof ConflictError) return c.json(errorBody(error.code, error.message), 409);
    if (error instanceof GraphValidationError) {
      const issues = error.issues.map((i) => ({ path: formatJsonPath(i.path), message: i.message, code: i.code }));
      return c.json(errorBody(error.code, error.message, issues), 400);
    }
    if (error instanceof HTTPException) {
      // Hono's own (a malformed request it rejected before our code): keep its status, not its internals.
      const status = error.status as ContentfulStatusCode;
      return c.json(
        errorBody(status >= 500 ? 'internal_error' : 'bad_request', error.message || 'Bad request.'),
        status,
      );
    }
    logger.error(`${c.req.method} ${c.req.path} failed`, error);
    return c.json(errorBody('internal_error', 'Something went wrong on the server. The log has the details.'), 500);
  };
}
