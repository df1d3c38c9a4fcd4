// The engine's failures, one class per kind over BatonError, each with a stable `code` the server and the UI read.
import { BatonError, type BudgetLimit, type ErrorInfo, type JsonPath, type StepChange } from '@baton/contracts';

/** A payload that breaks its handoff contract, or that a person rejected. `path` points into the payload. */
export class HandoffContractError extends BatonError {
  readonly path: JsonPath | undefined;
  readonly edgeId: string;

  constructor(
    code: 'invalid_payload' | 'low_confidence' | 'rejected_by_person',
    edgeId: string,
    message: string,
    path?: JsonPath,
  ) {
    super(`handoff_${code}`, message);
    this.edgeId = edgeId;
    this.path = path;
  }
}

export type ModelProviderErrorCode =
  | 'rate_limited'
  | 'server_error'
  | 'timeout'
  | 'connection'
  | 'stream_cut'
  | 'bad_request'
  | 'auth'
  | 'malformed_response';

/** A model call that failed after the SDK's own retries. `retryable` errors are retried by the engine as a new attempt. */
export class ModelProviderError extends BatonError {
  readonly status: number | undefined;
  readonly retryable: boolean;

  constructor(
    code: ModelProviderErrorCode,
    message: string,
    options: { status?: number; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(`model_${code}`, message, { cause: options.cause });
    this.status = options.status;
    this.retryable = options.retryable ?? false;
  }
}

export class RunCancelledError extends BatonError {
  constructor(reason = 'The run was cancelled.') {
    super('run_cancelled', reason);
  }
}

export class BudgetExceededError extends BatonError {
  readonly limit: BudgetLimit;
  readonly limitValue: number;
  readonly spent: number;

  constructor(limit: BudgetExceededError['limit'], limitValue: number, spent: number) {
    super('budget_exceeded', `The run met its budget: ${limit} is ${limitValue} and the run spent ${spent}.`);
    this.limit = limit;
    this.limitValue = limitValue;
    this.spent = spent;
  }
}

/** A node that cannot do its job: an unparseable plan, a router answer with no route, a model reply it cannot use. */
export class NodeExecutionError extends BatonError {}

/** A step replayed from a test case offline whose inputs are not the recorded ones: the case fails at it. */
export class StepDivergedError extends BatonError {
  constructor(
    readonly stepKey: string,
    agentName: string,
    readonly changes: readonly StepChange[],
  ) {
    const first = changes[0]?.message ?? 'Its inputs changed.';
    super('step_diverged', `Step ${stepKey} of ${agentName} diverged from the recording: ${first}`);
  }
}

/** Any thrown value as the ErrorInfo that events carry: code, sentence and, for contracts, the JSON path. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof HandoffContractError && error.path) {
    return { code: error.code, message: error.message, path: error.path };
  }
  if (error instanceof BatonError) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: 'internal_error', message: error.message };
  return { code: 'internal_error', message: String(error) };
}
