// The configuration, read by the server's own module (one reader of the environment), and the scrubbed output.
import { ConfigError, configuredSecrets, readConfig } from '@baton/server';
import { CliError } from './cli-error';
import type { CommandContext } from './command';
import { EXIT } from './exit-codes';
import { createOutput } from './output';

export function createContext(env: NodeJS.ProcessEnv = process.env): CommandContext {
  try {
    const config = readConfig(env);
    return { config, output: createOutput(configuredSecrets(config)) };
  } catch (error) {
    if (error instanceof ConfigError)
      throw new CliError(EXIT.usage, `The configuration is not valid: ${error.message}`);
    throw error;
  }
}
