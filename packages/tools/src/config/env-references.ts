// `${NAME}` in a configuration value is the environment variable NAME, so that credentials stay out of the file.
import { ToolsConfigError } from './config-error';

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Expands every reference; a variable that is not set is an error naming the key. Each value used is a secret. */
export function expandEnvReferences(value: string, env: NodeJS.ProcessEnv, key: string, secrets: string[]): string {
  return value.replace(REFERENCE, (_, name: string) => {
    const found = env[name];
    if (found === undefined || found === '') {
      throw new ToolsConfigError(`${key} names the environment variable ${name}, which is not set.`);
    }
    secrets.push(found);
    return found;
  });
}
