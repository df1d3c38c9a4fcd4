// The provider used when no key is configured: offline, deterministic, paced so a person can watch a run unfold.
import type { ModelTier, ProviderInfo } from '@baton/contracts';
import { RunCancelledError } from '../errors';
import { MODEL_PORT_VERSION, type ModelProvider, type ModelRequest, type ModelResponse, messageText } from './provider';
import { simulatedAsk, simulatedReply } from './simulated-brain';
import { simulatedToolCalls, simulatedToolResults } from './simulated-tools';

export interface SimulatedProviderOptions {
  /** Delay before each call answers, in ms (default 150). */
  callDelayMs?: number;
  /** Delay per streamed token, in ms (default 15). */
  tokenDelayMs?: number;
  /** The confidence put into structured payloads (default 0.9). */
  confidence?: number;
  models?: Partial<Record<ModelTier, string>>;
}

export function createSimulatedProvider(options: SimulatedProviderOptions = {}): ModelProvider {
  const callDelayMs = options.callDelayMs ?? 150;
  const tokenDelayMs = options.tokenDelayMs ?? 15;
  const confidence = options.confidence ?? 0.9;
  const info: ProviderInfo = {
    kind: 'simulated',
    simulated: true,
    baseUrlHost: null,
    models: {
      fast: options.models?.fast ?? 'simulated-fast',
      balanced: options.models?.balanced ?? 'simulated-balanced',
      deep: options.models?.deep ?? 'simulated-deep',
    },
  };
  return {
    version: MODEL_PORT_VERSION,
    info,
    async complete(request: ModelRequest): Promise<ModelResponse> {
      await pause(callDelayMs, request.signal);
      const toolCalls = simulatedToolCalls(request.tools, request.messages);
      const inputTokens = request.messages.reduce((sum, m) => sum + Math.ceil(messageText(m).length / 4), 0);
      if (toolCalls.length > 0) {
        toolCalls.forEach((call, index) => {
          request.onPart?.({
            type: 'tool-call-delta',
            index,
            id: call.id,
            name: call.name,
            argumentsDelta: call.arguments,
          });
        });
        return {
          text: '',
          toolCalls,
          finishReason: 'tool_calls',
          model: `${request.model} (simulated)`,
          usage: { inputTokens, outputTokens: toolCalls.length, totalTokens: inputTokens + toolCalls.length },
        };
      }
      const results = simulatedToolResults(request.messages);
      const reply = simulatedReply(simulatedAsk(request), confidence);
      // A prose answer says what the tools returned; a structured one stays the schema's sample.
      const text =
        results.length > 0 && request.responseFormat.type === 'text'
          ? `${reply} Tool results: ${results.join('; ')}.`
          : reply;
      const pieces = text.match(/\S+\s*/g) ?? [text];
      for (const piece of pieces) {
        if (tokenDelayMs > 0) await pause(tokenDelayMs, request.signal);
        else if (request.signal.aborted) throw cancelled(request.signal);
        request.onPart?.({ type: 'text-delta', text: piece });
      }
      return {
        text,
        toolCalls: [],
        finishReason: 'stop',
        model: `${request.model} (simulated)`,
        usage: { inputTokens, outputTokens: pieces.length, totalTokens: inputTokens + pieces.length },
      };
    },
  };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(cancelled(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function cancelled(signal: AbortSignal): unknown {
  return signal.reason instanceof Error ? signal.reason : new RunCancelledError();
}
