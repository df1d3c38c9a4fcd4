// Reads a JSON request body and checks it with a contracts schema; every problem comes back with its JSON path.
import { type ApiIssue, formatJsonPath, type GraphIssue } from '@baton/contracts';
import type { Context } from 'hono';
import type { z } from 'zod';
import { InvalidRequestError } from '../errors';
import { UnsupportedMediaTypeError } from './errors';

/** The largest body the API reads: a graph document at its size limit, with room for the request around it. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

export async function readJson(c: Context): Promise<unknown> {
  if (!isJsonContentType(c.req.header('content-type'))) throw new UnsupportedMediaTypeError();
  const text = await c.req.text();
  if (text.trim() === '') throw new InvalidRequestError('The request needs a JSON body.', [], 'invalid_json');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidRequestError(
      `The body is not valid JSON: ${(error as Error).message}`,
      [{ path: '$', message: 'Not valid JSON.' }],
      'invalid_json',
    );
  }
}

/** A body that may be empty (`{}` then), for routes whose every field is optional. */
export async function readOptionalJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  if (!isJsonContentType(c.req.header('content-type'))) throw new UnsupportedMediaTypeError();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidRequestError(
      'The body is not valid JSON.',
      [{ path: '$', message: 'Not valid JSON.' }],
      'invalid_json',
    );
  }
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
