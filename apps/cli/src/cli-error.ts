// A failure that ends the command with a sentence for the person and a documented exit code.
import { BatonError } from '@baton/contracts';
import type { ExitCode } from './exit-codes';

export class CliError extends BatonError {
  readonly exitCode: ExitCode;
  /** More lines after the message: each problem with its JSON path. */
  readonly details: string[];

  constructor(exitCode: ExitCode, message: string, details: string[] = []) {
    super('cli_error', message);
    this.exitCode = exitCode;
    this.details = details;
  }
}
