// Reads a JSON request body and checks it with a contracts schema; every problem comes back with its JSON path.
import {
  type ApiIssue,
  checkJsonText,
  formatJsonPath,
  GRAPH_LIMITS,
  type GraphIssue,
  type JsonLimits,
} from '@baton/contracts';
import type { Context } from 'hono';
import type { z } from 'zod';
import { InvalidRequestError } from '../errors';
import { HttpError, UnsupportedMediaTypeError } from './errors';

/** The largest body the API reads: a graph document at its size limit, with room for the request around it. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

/**
 * What any JSON body may be, checked on the text before it is parsed and long before zod sees it (zod recurses
 * and overflows the stack at about 2,000 levels). One level more than a graph, the body's own object, so that a
 * graph at its depth limit fits in `{ document }`, and a run's input or an escalation's payload may nest as deep
 * as a graph.
 */
export const BODY_LIMITS: JsonLimits = {
  bytes: MAX_BODY_BYTES,
  depth: GRAPH_LIMITS.depth + 1,
  subject: 'The request body',
  noun: 'a request body',
  protoKeys: 'refuse',
};

export async function readJson(c: Context): Promise<unknown> {
  if (!isJsonContentType(c.req.header('content-type'))) throw new UnsupportedMediaTypeError();
  const text = await c.req.text();
  if (text.trim() === '') throw new InvalidRequestError('The request needs a JSON body.', [], 'invalid_json');
  return guardedJson(text);
}

/** A body that may be empty (`{}` then), for routes whose every field is optional. */
export async function readOptionalJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  if (!isJsonContentType(c.req.header('content-type'))) throw new UnsupportedMediaTypeError();
  return guardedJson(text);
}

/** Size, depth, syntax and `__proto__` keys, all on the text in one pass: 400 or 413 with the path, or the value. */
function guardedJson(text: string): unknown {
  const problem = checkJsonText(text, BODY_LIMITS);
  if (problem) throw bodyRefusal(problem);
  return JSON.parse(text) as unknown;
}

function bodyRefusal(issue: GraphIssue): HttpError | InvalidRequestError {
  const issues = graphIssues([issue]);
  if (issue.code === 'too_large') return new HttpError(413, 'payload_too_large', issue.message, issues);
  const code = issue.code === 'invalid_json' ? 'invalid_json' : issue.code === 'too_deep' ? 'too_deep' : undefined;
  return new InvalidRequestError(issue.message, issues, code);
}

export function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = zodIssues(parsed.error.issues);
  throw new InvalidRequestError(issues[0] ? `${issues[0].path}: ${issues[0].message}` : 'Invalid request.', issues);
}

export function zodIssues(issues: readonly z.core.$ZodIssue[], prefix: (string | number)[] = []): ApiIssue[] {
  return issues.map((issue) => ({
    path: formatJsonPath([...prefix, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')]),
    message: issue.message,
    code: issue.code,
  }));
}

export function graphIssues(issues: readonly GraphIssue[], prefix: (string | number)[] = []): ApiIssue[] {
  return issues.map((issue) => ({
    path: formatJsonPath([...prefix, ...issue.path]),
    message: issue.message,
    code: issue.code,
  }));
}

export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  const type = value.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** A positive whole number from a path segment, or 404-worthy `null`. */
export function positiveInt(text: string | undefined): number | null {
  if (!text || !/^[1-9][0-9]{0,9}$/.test(text)) return null;
  return Number(text);
}
