// An in-process ModelProvider for unit tests: each call answered by a script, every request recorded.
import type { ProviderInfo, Usage } from '@baton/contracts';
import { MODEL_PORT_VERSION, type ModelProvider, type ModelRequest, type ModelResponse } from '../model/provider';
import { simulatedAsk, simulatedReply } from '../model/simulated-brain';

export type ScriptedAnswer = string | { text: string; usage?: Usage } | Error;
export type Script = (
  request: ModelRequest,
  index: number,
) => ScriptedAnswer | undefined | Promise<ScriptedAnswer | undefined>;

export interface ScriptedProvider extends ModelProvider {
  /** Every request, in call order. */
  requests: ModelRequest[];
}

/** Answers with `script`; when it returns undefined, with the simulated provider's reply (at confidence 0.9). */
export function createScriptedProvider(script: Script = () => undefined): ScriptedProvider {
  const requests: ModelRequest[] = [];
  const info: ProviderInfo = {
    kind: 'simulated',
    simulated: true,
    baseUrlHost: null,
    models: { fast: 'scripted-fast', balanced: 'scripted-balanced', deep: 'scripted-deep' },
  };
  return {
    version: MODEL_PORT_VERSION,
    info,
    requests,
    async complete(request: ModelRequest): Promise<ModelResponse> {
      const index = requests.push(request) - 1;
      if (request.signal.aborted) throw request.signal.reason;
      const answer = (await script(request, index)) ?? simulatedReply(simulatedAsk(request), 0.9);
      if (answer instanceof Error) throw answer;
      const { text, usage } = typeof answer === 'string' ? { text: answer, usage: undefined } : answer;
      request.onPart?.({ type: 'text-delta', text });
      return {
        text,
        toolCalls: [],
        finishReason: 'stop',
        model: request.model,
        usage: usage ?? { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
      };
    },
  };
}
