// A configuration file that cannot be used: one sentence naming the file and the key.
import { BatonError } from '@baton/contracts';

export class ToolsConfigError extends BatonError {
  constructor(message: string) {
    super('invalid_config', message);
  }
}
