// The engine's own tool source, `builtin`: tools that need no setup. Today the calculator.
import type { JsonValue } from '@baton/contracts';
import { CALCULATOR, runCalculator } from './calculator';
import type { ToolCallOptions, ToolResult, ToolSource } from './source';

export const BUILTIN_SOURCE = 'builtin';

export function createBuiltinToolSource(): ToolSource {
  return {
    name: BUILTIN_SOURCE,
    list: async () => [CALCULATOR],
    call(tool: string, args: JsonValue, options: ToolCallOptions): Promise<ToolResult> {
      if (tool === CALCULATOR.name) return runCalculator(args, options);
      return Promise.reject(new Error(`The builtin source has no tool named ${JSON.stringify(tool)}.`));
    },
  };
}
