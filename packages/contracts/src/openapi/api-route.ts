// What one route of the HTTP API takes and answers, as contracts schemas; the route tables list them by area.
import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type ApiAnswer =
  | { kind: 'json'; schema: z.ZodType }
  /** Server-Sent Events whose `data` is one JSON value of `schema` each. */
  | { kind: 'event-stream'; schema: z.ZodType }
  /** A text download in another format than Baton's own (OTLP JSON Lines), described in words. */
  | { kind: 'text'; mediaType: string; description: string }
  | { kind: 'empty' };

export interface ApiRoute {
  method: HttpMethod;
  /** As the server mounts it, with Hono's `:param` segments. */
  path: string;
  operationId: string;
  summary: string;
  tag: 'server' | 'graphs' | 'versions' | 'runs' | 'tests';
  /** A JSON request body; `optional` when the route also takes none. */
  body?: { schema: z.ZodType; optional?: boolean };
  query?: { name: string; description: string; schema: z.ZodType }[];
  headers?: { name: string; description: string; schema: z.ZodType }[];
  /** Answered without the token when BATON_TOKEN is set. */
  open?: boolean;
  status: number;
  answer: ApiAnswer;
  /** Error statuses this route answers beyond those every route may (401, 403, 413, 415 and 500). */
  errors: number[];
}

/** A JSON answer of `schema`. */
export const json = (schema: z.ZodType): ApiAnswer => ({ kind: 'json', schema });
export const EMPTY: ApiAnswer = { kind: 'empty' };
