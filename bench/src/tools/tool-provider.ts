// The scripted model of the tools case: each specialist asks for its rounds (roundsOf) of `width` parallel echo
// calls (counted from the tool rounds already in its messages), then answers. It answers at once (L = 0).
import { type ModelProvider, type ModelRequest, type ModelResponse, purposeOf, type ToolCall } from '@baton/engine';
import { roundsOf, TOOL_NAME, type ToolPlan } from './tool-graph';

const USAGE = { inputTokens: 10, outputTokens: 5, totalTokens: 15 };
const MODELS = { fast: 'scripted-fast', balanced: 'scripted-balanced', deep: 'scripted-deep' };

/** The arguments of call `index` of round `round`: what the peer sends too. */
export const echoText = (agent: string, round: number, index: number) => `${agent} round ${round} call ${index}`;

export function createToolCallingProvider(plan: ToolPlan): ModelProvider & { readonly toolCallsAsked: number } {
  let asked = 0;
  const reply = (request: ModelRequest): ModelResponse => {
    const purpose = purposeOf(request);
    if (purpose.kind !== 'specialist') throw new Error(`The tools case makes no ${purpose.kind} calls`);
    const round = request.messages.filter((m) => m.role === 'assistant' && (m.toolCalls?.length ?? 0) > 0).length;
    // The agents are named caller_1, caller_2, ... (toolGraph).
    if (round >= roundsOf(plan, Number(request.agentName.replace('caller_', '')))) {
      return {
        text: `${request.agentName} done`,
        toolCalls: [],
        finishReason: 'stop',
        usage: USAGE,
        model: request.model,
      };
    }
    const toolCalls: ToolCall[] = Array.from({ length: plan.width }, (_, i) => ({
      id: `m${++asked}`,
      name: TOOL_NAME,
      arguments: JSON.stringify({ text: echoText(request.agentName, round, i) }),
    }));
    return { text: '', toolCalls, finishReason: 'tool_calls', usage: USAGE, model: request.model };
  };
  return {
    version: 2,
    info: { kind: 'simulated', simulated: true, baseUrlHost: null, models: MODELS },
    get toolCallsAsked() {
      return asked;
    },
    complete: async (request) => reply(request),
  };
}
