// @baton/engine/testing: a fake OpenAI-compatible HTTP server, a scripted provider and graph builders, for the
// engine's, the server's and the benchmarks' tests. Never imported by production code.

export { type ChatRequestBody, requestPurpose, userText } from './chat-request';
export { actionTreeProblems, type CollectedRun, collectRun, eventsOfType } from './collect-run';
export { EXAMPLE_NAMES, type ExampleName, loadExample } from './example-graphs';
export {
  type FakeFault,
  type FakeOpenAIServer,
  type FakeOpenAIServerOptions,
  type FakeReply,
  type RecordedRequest,
  type Responder,
  requestContentKey,
  startFakeOpenAIServer,
} from './fake-openai-server';
export { edge, graph, node } from './graphs';
export { benignOutput, HOSTILE_OUTPUTS } from './hostile-outputs';
export { type ParsedPrompt, type ParsedWrapper, parsePrompt } from './prompt-parser';
export { createScriptedProvider, type Script, type ScriptedAnswer, type ScriptedProvider } from './scripted-provider';
