// The run's entry: emits the run's JSON input when there is one (checked against the input schema), else the goal.
import { formatJsonPath } from '@baton/contracts';
import { compileSchema, validateAgainst } from '../contracts/schema';
import { NodeExecutionError } from '../errors';
import type { NodeExecutor } from './types';

export const runInput: NodeExecutor<'input'> = async ({ ctx, node }) => {
  const schema = node.data.inputSchema;
  if (schema && ctx.input !== undefined) {
    const compiled = compileSchema(schema);
    const issues = compiled.ok ? validateAgainst(compiled, ctx.input) : [{ path: [], message: compiled.message }];
    const first = issues[0];
    if (first) {
      throw new NodeExecutionError(
        'invalid_input',
        `The run's input does not match the input schema at ${formatJsonPath(first.path)}: ${first.message}`,
      );
    }
  }
  return { output: ctx.input ?? ctx.goal };
};
