// Our side of the scripted model: the engine's ModelProvider interface answering from the same ScriptedModel.
import { type ModelProvider, type ModelRequest, type ModelResponse, purposeOf } from '@baton/engine';
import type { ScriptedModel } from './scripted-model';

const USAGE = { inputTokens: 10, outputTokens: 5, totalTokens: 15 };
const MODELS = { fast: 'scripted-fast', balanced: 'scripted-balanced', deep: 'scripted-deep' };

/**
 * Replies in the formats the engine parses (a `{subtasks}` plan, `APPROVED` / `REVISION NEEDED` reviews), the same
 * formats as the simulated provider. No deltas are streamed: the peer's nodes stream nothing either.
 */
export function createScriptedProvider(model: ScriptedModel, width: number): ModelProvider {
  const reply = async (request: ModelRequest): Promise<string> => {
    // What is asked is read from the messages, as the simulated provider reads it.
    const purpose = purposeOf(request);
    switch (purpose.kind) {
      case 'decompose':
        return JSON.stringify({ subtasks: await model.decompose(width) });
      case 'review': {
        const review = await model.review(purpose.round);
        return review.approved ? 'APPROVED' : `REVISION NEEDED\n${review.issues.map((i) => `- ${i}`).join('\n')}`;
      }
      case 'revision':
        return model.revise(purpose.round);
      case 'synthesis':
        return model.synthesise([]);
      case 'specialist':
        return model.specialist(request.agentName);
      default:
        throw new Error(`The benchmark shapes make no ${purpose.kind} calls`);
    }
  };
  return {
    version: 2,
    info: { kind: 'simulated', simulated: true, baseUrlHost: null, models: MODELS },
    async complete(request): Promise<ModelResponse> {
      return { text: await reply(request), toolCalls: [], finishReason: 'stop', usage: USAGE, model: request.model };
    },
  };
}
