// The run's entry: emits the run's JSON input when there is one, else the goal.
import type { NodeExecutor } from './types';

export const runInput: NodeExecutor<'input'> = async ({ ctx }) => ({ output: ctx.input ?? ctx.goal });
