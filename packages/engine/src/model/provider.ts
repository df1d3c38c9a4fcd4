// The engine's one door to models. The openai adapter and the simulated provider implement it; so do test scripts.
import type { FinishReason, JsonSchemaObject, ModelTier, ProviderInfo, Usage } from '@baton/contracts';
import { type DataText, type EngineText, isPromptText, type PromptText } from '../trust/wrap';

/**
 * The version of this interface. 2: requests carry tool definitions, `complete()` returns tool calls and a finish
 * reason, and streams parts (text and tool-call deltas) through one callback. A provider states the version it
 * implements, so that the engine refuses an adapter written for another one instead of misreading it.
 */
export const MODEL_PORT_VERSION = 2;

/** A tool the model may call: its configured name, what it does, and the JSON Schema of its input. */
export interface ToolDefinition {
  name: string;
  description: string;
  inputSchema: JsonSchemaObject;
  /** The tool may change something outside the run. Not sent to real models; the simulated provider reads it. */
  sideEffects?: boolean;
}

export interface ToolCall {
  id: string;
  name: string;
  /** The arguments as JSON text: as the model wrote them in a reply; re-serialised by the engine when sent back. */
  arguments: string;
}

/** Why the model stopped: `tool_calls` means it wants the calls' results before it answers. Recorded on the event. */
export type { FinishReason };

/** One streamed piece of a reply, in order. Tool-call deltas carry `index` (the call's place in the reply). */
export type StreamPart =
  | { type: 'text-delta'; text: string }
  | { type: 'tool-call-delta'; index: number; id?: string; name?: string; argumentsDelta: string };

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

export interface ModelRequest {
  tier: ModelTier;
  /** The model id the tier maps to. */
  model: string;
  messages: ChatMessage[];
  responseFormat: ResponseFormat;
  /** Tools the model may call in this reply (none: the model can only answer). */
  tools?: ToolDefinition[];
  /** Name of the agent making the call, for logs and the simulated provider. */
  agentName: string;
  signal: AbortSignal;
  /** Called with each streamed part (text deltas, tool-call deltas), in order. */
  onPart?: (part: StreamPart) => void;
  /** The `llm_call` action this request is: lets the host derive the call's trace context. */
  actionId?: string;
  /** Extra HTTP headers an adapter that speaks HTTP sends with the request (the host's W3C `traceparent`). */
  headers?: Record<string, string>;
}

export interface ModelResponse {
  text: string;
  /** The tool calls of the reply, in the reply's order (empty when it asks for none). */
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: Usage;
  /** The model that answered, as the server reported it. */
  model: string;
}

export interface ModelProvider {
  /** The interface version this provider implements: `MODEL_PORT_VERSION`. */
  readonly version: typeof MODEL_PORT_VERSION;
  readonly info: ProviderInfo;
  complete(request: ModelRequest): Promise<ModelResponse>;
}
