// The server's log: one line per message, with every configured secret scrubbed before it is written.
import { formatWithOptions } from 'node:util';
import { scrubText } from './secrets';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export function createLogger(options: { secrets: readonly string[]; write?: (line: string) => void }): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = (level: string, message: string) =>
    write(scrubText(`${new Date().toISOString()} ${level} ${message}`, options.secrets));
  return {
    info: (message) => emit('info', message),
    warn: (message) => emit('warn', message),
    error: (message, error) => emit('error', error === undefined ? message : `${message}: ${describeError(error)}`),
  };
}

/** The shape of the openai SDK's `logger` option: messages with extra values, at four levels. */
export interface SdkLogger {
  error(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  debug(message: string, ...rest: unknown[]): void;
}

/**
 * The openai SDK's messages into this logger, one scrubbed line each: the SDK quotes what a model server sent (a
 * chunk it cannot parse, key and all), and nothing it prints may reach stderr past the scrubbing.
 */
export function sdkLogger(logger: Logger): SdkLogger {
  const line = (message: string, rest: unknown[]) =>
    `openai: ${formatWithOptions({ colors: false, breakLength: Number.POSITIVE_INFINITY }, message, ...rest)}`;
  return {
    error: (message, ...rest) => logger.error(line(message, rest)),
    warn: (message, ...rest) => logger.warn(line(message, rest)),
    info: (message, ...rest) => logger.info(line(message, rest)),
    debug: (message, ...rest) => logger.info(line(message, rest)),
  };
}

/** Name, message and stack, for the log only: a stack never leaves the server in a response. */
function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** A logger that keeps its lines, for tests that look for leaks. */
export function createMemoryLogger(secrets: readonly string[] = []): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createLogger({ secrets, write: (line) => lines.push(line) }), { lines });
}
