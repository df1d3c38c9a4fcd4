// Errors only HTTP has (sign-in, body size and type), each with its status. Domain errors are in ../errors.ts.
import { type ApiIssue, BatonError } from '@baton/contracts';

export type HttpErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503;

export class HttpError extends BatonError {
  readonly status: HttpErrorStatus;
  readonly issues: ApiIssue[];
  /** Headers the answer carries besides the body (Retry-After). */
  readonly headers: Record<string, string>;

  constructor(
    status: HttpErrorStatus,
    code: string,
    message: string,
    issues: ApiIssue[] = [],
    cause?: unknown,
    headers: Record<string, string> = {},
  ) {
    super(code, message, { cause });
    this.status = status;
    this.issues = issues;
    this.headers = headers;
  }
}

export class UnauthorizedError extends HttpError {
  constructor(
    message = 'Sign in with the server token: send "Authorization: Bearer <token>" or sign in in the app.',
    headers: Record<string, string> = {},
  ) {
    super(401, 'unauthorized', message, [], undefined, headers);
  }
}

/** 429: wrong tokens came from this address; it may try again after `retryAfterSeconds`. */
export class TooManyAttemptsError extends HttpError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super(
      429,
      'too_many_attempts',
      `Too many wrong tokens came from your address: try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`,
      [],
      undefined,
      { 'Retry-After': String(retryAfterSeconds) },
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class ForbiddenError extends HttpError {
  constructor(code: string, message: string) {
    super(403, code, message);
  }
}

export class PayloadTooLargeError extends HttpError {
  constructor(limitBytes: number) {
    super(413, 'payload_too_large', `The request body is larger than the limit of ${formatBytes(limitBytes)}.`);
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  constructor() {
    super(415, 'unsupported_media_type', 'Send the request body as JSON, with "Content-Type: application/json".');
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`;
}
