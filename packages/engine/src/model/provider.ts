// The engine's one door to models. The openai adapter and the simulated provider implement it; so do test scripts.
import type { JsonSchemaObject, ModelTier, ProviderInfo, Usage } from '@baton/contracts';

export interface ToolCall {
  id: string;
  name: string;
  /** The arguments as the model wrote them (JSON text). */
  arguments: string;
}

/** Chat messages. Tool calls and results are here from the start so that tools cross the same trust boundary later. */
export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

export type ResponseFormat =
  | { type: 'text' }
  /** Structured output: the reply must be JSON matching `schema`. */
  | { type: 'json_schema'; name: string; schema: JsonSchemaObject };

/**
 * What the engine is asking for, so that the simulated provider can answer plausibly for any graph.
 * Real providers ignore it: everything a real model needs is in the messages.
 */
export type ModelCallPurpose =
  | { kind: 'decompose'; workers: { name: string; description: string }[] }
  | { kind: 'route'; categories: { name: string; description: string }[] }
  | { kind: 'specialist' }
  | { kind: 'review'; round: number }
  | { kind: 'revision'; round: number }
  | { kind: 'mesh_turn'; round: number; peer: string }
  | { kind: 'synthesis' }
  | { kind: 'repair'; errors: string[] };

export interface ModelRequest {
  tier: ModelTier;
  /** The model id the tier maps to. */
  model: string;
  messages: ChatMessage[];
  responseFormat: ResponseFormat;
  purpose: ModelCallPurpose;
  /** Name of the agent making the call, for logs and the simulated provider. */
  agentName: string;
  signal: AbortSignal;
  /** Called with each streamed piece of text, in order. */
  onDelta?: (text: string) => void;
}

export interface ModelResponse {
  text: string;
  usage: Usage;
  /** The model that answered, as the server reported it. */
  model: string;
}

export interface ModelProvider {
  readonly info: ProviderInfo;
  complete(request: ModelRequest): Promise<ModelResponse>;
}
