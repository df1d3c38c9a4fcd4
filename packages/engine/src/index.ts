// @baton/engine: executes Baton graphs. No HTTP, no React: the server and tests drive it through runGraph.
export { canonicalJson, inputHash } from './audit/canonical';
export {
  contentPaths,
  type Redaction,
  RedactionError,
  type RedactionRequest,
  redactRunLog,
} from './audit/redact';
export {
  MIN_SECRET_LENGTH,
  REDACTED_TEXT,
  type Scrubber,
  StreamScrubber,
  scrubValue,
  secretScrubber,
} from './audit/scrub';
export { digestOf, sealEvent, type VerifyResult, verifyRunLog } from './audit/seal';
export { validateHandoffPayload } from './contracts/validate-handoff';
export {
  BudgetExceededError,
  HandoffContractError,
  ModelProviderError,
  NodeExecutionError,
  RunCancelledError,
  StepDivergedError,
  toErrorInfo,
} from './errors';
export { createOpenAIProvider, type OpenAIProviderOptions } from './model/openai-provider';
export type * from './model/provider';
export { MODEL_PORT_VERSION, messageText } from './model/provider';
export { createSimulatedProvider, type SimulatedProviderOptions } from './model/simulated-provider';
export { isStrictCompatible } from './model/strict-schema';
export { NODE_EXECUTORS } from './nodes/registry';
export { type ModelCallPurpose, purposeOf } from './run/infer-purpose';
export { graphParallelism } from './run/parallelism';
export { type PriorSpend, priorSpend } from './run/prior-spend';
export { runGraph } from './run/run-graph';
export type * from './run-options';
export { judgeTestCase, type ReplayFacts } from './testcase/judge';
export { RecordingIndex, type StepLookup, type StepRecording } from './testcase/recording';
export { type ReplayedTestCase, type ReplayTestCaseOptions, replayTestCase } from './testcase/replay-test-case';
export { BUILTIN_SOURCE, createBuiltinToolSource } from './tools/builtin';
export { CALCULATOR, CALCULATOR_LIMITS } from './tools/calculator';
export type * from './tools/source';
export { TOOL_TIMEOUT_MS } from './tools/tool-call';
export { type DataText, type EngineText, isPromptText, type PromptText, type Provenance } from './trust/wrap';
