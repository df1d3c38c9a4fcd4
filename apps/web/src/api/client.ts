// The web app's one way to call the API: JSON in and out, error bodies thrown as ApiError, 401s announced.
import { type ApiErrorBody, type ApiIssue, BatonError } from '@baton/contracts';

/** An API call that failed: the server's error code and issues, or a network/parse failure (status 0). */
export class ApiError extends BatonError {
  readonly status: number;
  readonly issues: ApiIssue[];

  constructor(status: number, code: string, message: string, issues: ApiIssue[] = [], options?: { cause?: unknown }) {
    super(code, message, options);
    this.status = status;
    this.issues = issues;
  }
}

export interface ApiRequestInit extends Omit<RequestInit, 'body'> {
  /** Sent as JSON with `Content-Type: application/json` (the server refuses unsafe methods without it). */
  json?: unknown;
  body?: BodyInit | null;
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called whenever the API answers 401, so the app can show its sign-in screen. Returns the unsubscribe. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/**
 * Calls `/api...` and returns the parsed JSON body (undefined for 204). Throws `ApiError` for any non-2xx
 * answer, carrying the server's `{ error: { code, message, issues } }` when it sent one.
 */
export async function apiFetch<T>(path: string, init: ApiRequestInit = {}): Promise<T> {
  const response = await request(path, init);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed = text === '' ? undefined : tryParseJson(text);
  if (parsed === invalidJson) {
    throw new ApiError(response.status, 'invalid_response', 'The server sent a response that is not JSON.');
  }
  return parsed as T;
}

/** Like apiFetch, but the body as text, byte for byte (downloads such as the export file). */
export async function apiFetchText(path: string, init: ApiRequestInit = {}): Promise<string> {
  const response = await request(path, init);
  return response.text();
}

/** Sends the request and throws ApiError unless the answer is 2xx. */
async function request(path: string, init: ApiRequestInit): Promise<Response> {
  const { json, headers: given, ...rest } = init;
  const headers = new Headers(given);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  let body = init.body;
  if (json !== undefined) body = JSON.stringify(json);
  if (body != null && typeof body === 'string' && !headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/json');
  }

  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...rest, headers, body });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', 'Could not reach the Baton server. Is it running?', [], { cause });
  }

  if (response.status === 401) for (const listener of unauthorizedListeners) listener();
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw toApiError(response, text === '' ? undefined : tryParseJson(text));
  }
  return response;
}

const invalidJson = Symbol('invalid JSON');

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return invalidJson;
  }
}

function toApiError(response: Response, parsed: unknown): ApiError {
  if (isApiErrorBody(parsed)) {
    const { code, message, issues } = parsed.error;
    return new ApiError(response.status, code, message, Array.isArray(issues) ? issues : []);
  }
  const fallback = response.statusText || 'Request failed';
  return new ApiError(response.status, `http_${response.status}`, `${fallback} (HTTP ${response.status}).`);
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/** A sentence for people out of anything a failed call may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
