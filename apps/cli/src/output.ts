// Everything `baton` writes goes through here, scrubbed of the configured secrets like the server's logs and events.
import { appendFileSync, writeFileSync } from 'node:fs';
import { scrubJson, scrubText } from '@baton/server';

export interface Output {
  /** Text for stdout (the result, NDJSON, JSON answers). */
  out(text: string): void;
  /** Text for stderr (progress, problems, prompts). */
  err(text: string): void;
  /** Writes a file whole, scrubbed. */
  writeFile(path: string, text: string): void;
  /** Appends to a file, scrubbed (an NDJSON log). */
  appendFile(path: string, text: string): void;
  /** A JSON value with every secret replaced in its strings. */
  scrubJson<T>(value: T): { value: T; changed: boolean };
  readonly secrets: readonly string[];
}

export interface OutputStreams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export function createOutput(secrets: readonly string[], streams: OutputStreams = process): Output {
  const clean = (text: string) => scrubText(text, secrets);
  return {
    out: (text) => void streams.stdout.write(clean(text)),
    err: (text) => void streams.stderr.write(clean(text)),
    writeFile: (path, text) => writeFileSync(path, clean(text)),
    appendFile: (path, text) => appendFileSync(path, clean(text)),
    scrubJson: (value) => scrubJson(value, secrets),
    secrets,
  };
}
