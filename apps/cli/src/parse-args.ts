// node:util parseArgs with Baton's wording: an unknown option or a missing value is a usage error (exit 2).
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CliError } from './cli-error';
import { EXIT } from './exit-codes';

export type ArgOptions = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<O extends ArgOptions>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(EXIT.usage, `${(error as Error).message} (see \`baton --help\`).`);
  }
}

/** The one file a command works on; anything else is a usage error. */
export function onePositional(command: string, positionals: string[], what: string): string {
  if (positionals.length !== 1) {
    throw new CliError(
      EXIT.usage,
      positionals.length === 0
        ? `It needs the ${what}: \`baton ${command} <${what}>\`.`
        : `It takes one ${what}, got ${positionals.length}: ${positionals.join(' ')}.`,
    );
  }
  return positionals[0]!;
}
