// The real provider: the openai SDK against any OpenAI-compatible base URL, streaming, with structured output.
import { assertNever, type ModelTier, type ProviderInfo, type Usage } from '@baton/contracts';
import OpenAI from 'openai';
import type {
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { ModelProviderError, RunCancelledError } from '../errors';
import { SCHEMA_IN_PROMPT_ASK } from '../run/prompts';
import { authored, prompt } from '../trust/wrap';
import {
  type ChatMessage,
  type FinishReason,
  MODEL_PORT_VERSION,
  type ModelProvider,
  type ModelRequest,
  type ModelResponse,
  messageText,
  type ToolCall,
} from './provider';
import { isStrictCompatible } from './strict-schema';

export interface OpenAIProviderOptions {
  apiKey: string;
  baseURL?: string;
  models: Record<ModelTier, string>;
  /** Per-call timeout in ms, enforced by the SDK (default 120 000). */
  timeoutMs?: number;
  /** The SDK's retries on 429, 5xx, timeouts and connection errors, honouring retry-after (default 2). */
  maxRetries?: number;
  /**
   * Where the SDK's own messages go (a stream chunk it cannot parse, quoted whole; retries; request details at
   * `debug`): the caller's scrubbing logger. Without one the SDK prints nothing, so that nothing it quotes from a
   * model server can reach the console unscrubbed.
   */
  logger?: SdkLogger;
  /** How much the SDK tells `logger` (default `warn`; `off` without a logger). */
  logLevel?: SdkLogLevel;
}

type SdkLogFn = (message: string, ...rest: unknown[]) => void;
/** The openai SDK's logger shape (its `logger` option). */
export interface SdkLogger {
  error: SdkLogFn;
  warn: SdkLogFn;
  info: SdkLogFn;
  debug: SdkLogFn;
}
export type SdkLogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** How structured output is asked for; a server that refuses one mode is asked the next way from then on. */
type StructuredMode = 'json_schema' | 'json_object' | 'prompt';

export function createOpenAIProvider(options: OpenAIProviderOptions): ModelProvider {
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    timeout: options.timeoutMs ?? 120_000,
    maxRetries: options.maxRetries ?? 2,
    // Always set both: left out, the SDK logs to the console and reads OPENAI_LOG from the environment itself.
    ...(options.logger ? { logger: options.logger, logLevel: options.logLevel ?? 'warn' } : { logLevel: 'off' }),
  });
  const info: ProviderInfo = {
    kind: 'openai',
    simulated: false,
    baseUrlHost: hostOf(options.baseURL ?? 'https://api.openai.com/v1'),
    models: { ...options.models },
  };
  const modes = new Map<string, StructuredMode>();

  async function complete(request: ModelRequest): Promise<ModelResponse> {
    if (request.responseFormat.type === 'text') return stream(client, request, 'prompt');
    let mode = modes.get(request.model) ?? 'json_schema';
    for (;;) {
      try {
        return await stream(client, request, mode);
      } catch (error) {
        const next = mode === 'json_schema' ? 'json_object' : mode === 'json_object' ? 'prompt' : null;
        if (!next || !refusesFormat(error)) throw error;
        mode = next;
        modes.set(request.model, mode);
      }
    }
  }
  return { version: MODEL_PORT_VERSION, info, complete };
}

async function stream(client: OpenAI, request: ModelRequest, mode: StructuredMode): Promise<ModelResponse> {
  const body: ChatCompletionCreateParamsStreaming = {
    model: request.model,
    messages: toOpenAIMessages(request, mode),
    stream: true,
    stream_options: { include_usage: true },
  };
  if (request.tools?.length) {
    body.tools = request.tools.map((tool) => ({
      type: 'function' as const,
      function: {
        name: tool.name,
        description: tool.description,
        parameters: tool.inputSchema,
        // As for output schemas: strict only when the schema is inside OpenAI's strict subset.
        strict: isStrictCompatible(tool.inputSchema),
      },
    }));
  }
  if (request.responseFormat.type === 'json_schema') {
    const { name, schema } = request.responseFormat;
    if (mode === 'json_schema') {
      body.response_format = {
        type: 'json_schema',
        json_schema: { name, schema, strict: isStrictCompatible(schema) },
      };
    } else if (mode === 'json_object') {
      body.response_format = { type: 'json_object' };
    }
  }
  let text = '';
  const calls = new ToolCallAssembler();
  let usage: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  let model = request.model;
  let finishReason: FinishReason | null = null;
  let streaming = false;
  try {
    const chunks = await client.chat.completions.create(body, {
      signal: request.signal,
      ...(request.headers ? { headers: request.headers } : {}),
    });
    streaming = true;
    for await (const chunk of chunks) {
      if (chunk.model) model = chunk.model;
      const choice = chunk.choices[0];
      const delta = choice?.delta?.content;
      if (delta) {
        text += delta;
        request.onPart?.({ type: 'text-delta', text: delta });
      }
      for (const part of choice?.delta?.tool_calls ?? []) {
        const argumentsDelta = part.function?.arguments ?? '';
        calls.add(part.index, part.id, part.function?.name, argumentsDelta);
        request.onPart?.({
          type: 'tool-call-delta',
          index: part.index,
          ...(part.id ? { id: part.id } : {}),
          ...(part.function?.name ? { name: part.function.name } : {}),
          argumentsDelta,
        });
      }
      if (choice?.finish_reason) finishReason = toFinishReason(choice.finish_reason);
      if (chunk.usage) {
        usage = {
          inputTokens: chunk.usage.prompt_tokens,
          outputTokens: chunk.usage.completion_tokens,
          totalTokens: chunk.usage.total_tokens,
        };
      }
    }
  } catch (error) {
    throw toProviderError(error, request.signal, streaming);
  }
  if (request.signal.aborted) throw toProviderError(null, request.signal, true);
  if (!finishReason) {
    throw new ModelProviderError('stream_cut', 'The model stream ended before the model finished.', {
      retryable: true,
    });
  }
  const toolCalls = calls.done();
  // Some servers end a tool-calling reply with `stop`; the calls are what counts.
  if (toolCalls.length > 0) finishReason = 'tool_calls';
  return { text, toolCalls, finishReason, usage, model };
}

/**
 * Puts streamed tool calls together: each call's id and name come in its first delta, its arguments split over
 * any number of deltas; several calls of one reply are told apart by `index`, and may interleave.
 */
class ToolCallAssembler {
  private readonly calls = new Map<number, ToolCall>();

  add(index: number, id: string | undefined, name: string | undefined, argumentsDelta: string): void {
    const call = this.calls.get(index) ?? { id: '', name: '', arguments: '' };
    if (id) call.id = id;
    if (name) call.name += name;
    call.arguments += argumentsDelta;
    this.calls.set(index, call);
  }

  /** The calls in reply order (by index). */
  done(): ToolCall[] {
    return [...this.calls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call);
  }
}

function toFinishReason(reason: string): FinishReason {
  switch (reason) {
    case 'stop':
    case 'tool_calls':
    case 'length':
    case 'content_filter':
      return reason;
    case 'function_call':
      return 'tool_calls';
    default:
      return 'other';
  }
}

/** Engine messages to the SDK's. In the fallback modes the schema goes in a final user message. */
function toOpenAIMessages(request: ModelRequest, mode: StructuredMode): ChatCompletionMessageParam[] {
  const messages: ChatMessage[] = [...request.messages];
  if (request.responseFormat.type === 'json_schema' && mode !== 'json_schema') {
    // The schema is the graph author's (an output schema, a contract's) or the engine's own (a plan, a mesh turn).
    const schema = authored(JSON.stringify(request.responseFormat.schema));
    messages.push({
      role: 'user',
      content: prompt`${SCHEMA_IN_PROMPT_ASK}\n${schema}`,
    });
  }
  return messages.map(toOpenAIMessage);
}

function toOpenAIMessage(message: ChatMessage): ChatCompletionMessageParam {
  const content = messageText(message);
  switch (message.role) {
    case 'system':
    case 'user':
      return { role: message.role, content };
    case 'assistant':
      // A tool-calling turn sends only its calls back, never text that came with them.
      return {
        role: 'assistant',
        content: message.toolCalls?.length ? null : content,
        ...(message.toolCalls?.length
          ? {
              tool_calls: message.toolCalls.map((call) => ({
                id: call.id,
                type: 'function' as const,
                function: { name: call.name, arguments: call.arguments },
              })),
            }
          : {}),
      };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content };
    default:
      return assertNever(message, 'chat message role');
  }
}

/** A 400/422 that names the response format: the server does not support this way of asking for JSON. */
function refusesFormat(error: unknown): boolean {
  if (!(error instanceof ModelProviderError) || error.code !== 'model_bad_request') return false;
  return /response_format|json_schema|json_object|structured|not supported|unsupported/i.test(error.message);
}

function toProviderError(error: unknown, signal: AbortSignal, midStream: boolean): unknown {
  if (signal.aborted) return signal.reason instanceof Error ? signal.reason : new RunCancelledError();
  if (error instanceof ModelProviderError) return error;
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new ModelProviderError('timeout', 'The model call timed out (after the SDK retries).', { cause: error });
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const status = error.status;
    const code =
      status === 429
        ? 'rate_limited'
        : status >= 500
          ? 'server_error'
          : status === 401 || status === 403
            ? 'auth'
            : 'bad_request';
    return new ModelProviderError(code, `The model server answered ${status}: ${error.message}`, {
      status,
      cause: error,
    });
  }
  if (error instanceof OpenAI.APIConnectionError && !midStream) {
    return new ModelProviderError('connection', `The model server could not be reached: ${error.message}`, {
      cause: error,
    });
  }
  if (error instanceof SyntaxError) {
    // A chunk that is not JSON. The parser's message quotes the chunk, which is the model server's text (it may
    // carry a key it echoes): the error says what happened in the engine's own words instead.
    return new ModelProviderError('malformed_response', 'The model server sent a stream chunk that is not JSON.', {
      retryable: true,
      cause: error,
    });
  }
  if (midStream) {
    // The connection broke while the reply was streaming: this attempt failed; the engine retries it as a new one.
    return new ModelProviderError('stream_cut', `The model stream was cut: ${(error as Error).message}`, {
      retryable: true,
      cause: error,
    });
  }
  return new ModelProviderError('malformed_response', `The model reply could not be read: ${String(error)}`, {
    cause: error,
  });
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
