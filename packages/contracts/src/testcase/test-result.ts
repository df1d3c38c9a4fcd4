// What a replay of a test case found: each step reused, diverged (with what changed in its inputs) or not reached,
// the routes taken against the recorded ones, and the assertions that failed. The engine builds it; the CLI prints
// it, the server returns it and the web app shows it, so its shape lives here.
import { z } from 'zod';
import { RunStatus } from '../events';
import { JsonValue } from '../json';

/** One difference between the inputs a step was recorded with and the inputs it has now. */
export const StepChange = z.strictObject({
  kind: z.enum(['not_recorded', 'model', 'message_changed', 'message_added', 'message_removed', 'inputs']),
  /** The message's place in the request, for the message kinds. */
  index: z.number().int().nonnegative().optional(),
  role: z.string().optional(),
  /** Short excerpts around the first difference (or the model ids). */
  recorded: z.string().optional(),
  current: z.string().optional(),
  /** One sentence a person understands. */
  message: z.string(),
});
export type StepChange = z.infer<typeof StepChange>;

export const StepVerdictStatus = z.enum(['reused', 'diverged', 'not_reached']);
export type StepVerdictStatus = z.infer<typeof StepVerdictStatus>;

export const StepVerdict = z.strictObject({
  stepKey: z.string(),
  agentId: z.string(),
  agentName: z.string(),
  status: StepVerdictStatus,
  /** For a diverged step: what changed in its inputs. */
  changes: z.array(StepChange),
  /** True when a diverged step was called with the live provider (`--live`) instead of failing the case. */
  called: z.boolean(),
  /** What the recording answered, and (called live) what the provider answered now. */
  recordedOutput: JsonValue.optional(),
  output: JsonValue.optional(),
});
export type StepVerdict = z.infer<typeof StepVerdict>;

export const RouteDiff = z.strictObject({
  router: z.string(),
  /** The category the case asserts (null: none asserted), and the one the replay took (null: not reached). */
  expected: z.string().nullable(),
  replayed: z.string().nullable(),
});
export type RouteDiff = z.infer<typeof RouteDiff>;

export const AssertionFailure = z.strictObject({
  assertion: z.enum(['status', 'result_schema', 'result_contains', 'route', 'no_escalation', 'budget', 'diverged']),
  message: z.string(),
});
export type AssertionFailure = z.infer<typeof AssertionFailure>;

export const TestCaseVerdict = z.enum(['passed', 'failed', 'diverged']);
export type TestCaseVerdict = z.infer<typeof TestCaseVerdict>;

export const TestCaseResult = z.strictObject({
  name: z.string(),
  /** `diverged`: offline, a step's inputs changed and the case failed there; `failed`: an assertion does not hold. */
  verdict: TestCaseVerdict,
  live: z.boolean(),
  status: RunStatus,
  result: JsonValue.nullable(),
  failures: z.array(AssertionFailure),
  steps: z.array(StepVerdict),
  routes: z.array(RouteDiff),
  /** Model calls made with the provider (0 when every step was reused). */
  modelCalls: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
});
export type TestCaseResult = z.infer<typeof TestCaseResult>;
