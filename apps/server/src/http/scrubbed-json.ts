// JSON answers that carry stored user text (a graph's name and description, a run's goal and input, results) go
// out scrubbed, as exports and traces do: a key a client once put in a goal is never sent back.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { scrubJson } from '../secrets';

export type ScrubbedJson = (c: Context, value: unknown, status?: ContentfulStatusCode) => Response;

/** `c.json` with every secret replaced in the value's strings first. */
export function scrubbedJson(secrets: readonly string[]): ScrubbedJson {
  return (c, value, status = 200) => c.json(scrubJson(value, secrets).value as object, status);
}
