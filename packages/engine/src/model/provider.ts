// The engine's one door to models. The openai adapter and the simulated provider implement it; so do test scripts.
import type { JsonSchemaObject, ModelTier, ProviderInfo, Usage } from '@baton/contracts';
import { type DataText, type EngineText, isPromptText, type PromptText } from '../trust/wrap';

export interface ToolCall {
  id: string;
  name: string;
  /** The arguments as the model wrote them (JSON text). */
  arguments: string;
}

/**
 * Chat messages. Tool calls and results are here from the start so that tools cross the same trust boundary later.
 * Their content is prompt text (trust/wrap.ts), never a plain string: agent output gets into a message only through
 * the wrapper, and never into a system message, whose content is engine text only.
 */
export type ChatMessage =
  | { role: 'system'; content: EngineText }
  | { role: 'user'; content: PromptText }
  | { role: 'assistant'; content: PromptText; toolCalls?: ToolCall[] }
  /** A tool's result: the whole content is the wrapper's output. */
  | { role: 'tool'; toolCallId: string; content: DataText };

/**
 * The text a provider sends for a message, checked at the door: real prompt text (not an object posing as one),
 * and no wrapped data in a system message. Every provider reads message text through this.
 */
export function messageText(message: ChatMessage): string {
  const content: unknown = message.content;
  if (!isPromptText(content)) throw new TypeError(`A ${message.role} message's content must be prompt text.`);
  if (message.role === 'system' && content.carriesData) {
    throw new TypeError('A system message carries no agent output, not even wrapped.');
  }
  return content.text;
}

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
  /** The `llm_call` action this request is: lets the host derive the call's trace context. */
  actionId?: string;
  /** Extra HTTP headers an adapter that speaks HTTP sends with the request (the host's W3C `traceparent`). */
  headers?: Record<string, string>;
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
