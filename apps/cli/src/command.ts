// What every command is: its arguments and the shared context in, an exit code out.
import type { ServerConfig } from '@baton/server';
import type { ExitCode } from './exit-codes';
import type { Output } from './output';

export interface CommandContext {
  config: ServerConfig;
  output: Output;
}

export type Command = (args: string[], context: CommandContext) => Promise<ExitCode>;
