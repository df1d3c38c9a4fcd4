// What the simulated provider says: a plausible reply for any node of any graph, from what its messages and response
// format ask (run/infer-purpose.ts reads that back, as the fake OpenAI server does from an HTTP body).
import { assertNever } from '@baton/contracts';
import { askOf, inferPurpose, type ModelCallPurpose } from '../run/infer-purpose';
import { CATEGORIES_HEADING, GOAL_LEAD } from '../run/prompts';
import type { ModelRequest } from './provider';
import { sampleFromSchema } from './schema-sample';

const STOPWORDS = new Set([
  'the',
  'and',
  'for',
  'with',
  'that',
  'this',
  'from',
  'into',
  'your',
  'about',
  'what',
  'which',
]);

/** What the simulated model reads from a request: its purpose, its format, and the text of its user messages. */
export interface SimulatedAsk extends Pick<ModelRequest, 'responseFormat' | 'agentName'> {
  purpose: ModelCallPurpose;
  userText: string;
}

export function simulatedAsk(request: Pick<ModelRequest, 'messages' | 'responseFormat' | 'agentName'>): SimulatedAsk {
  const ask = askOf(request);
  return {
    purpose: inferPurpose(ask),
    responseFormat: request.responseFormat,
    agentName: request.agentName,
    userText: ask.userText,
  };
}

/** The reply text for a request; deterministic in its inputs. */
export function simulatedReply(request: SimulatedAsk, confidence: number): string {
  const purpose = request.purpose;
  const task = request.userText;
  switch (purpose.kind) {
    case 'decompose':
      return JSON.stringify({
        subtasks: purpose.workers.map((worker, i) => ({
          id: `t${i + 1}`,
          description: `${worker.description || `Handle the ${worker.name} part of the goal`} (${topic(task)})`,
          assigned_to: worker.name,
          depends_on: [],
        })),
      });
    case 'route':
      // Only the task counts, not the list of categories the prompt also carries.
      return chooseCategory(task.split(CATEGORIES_HEADING.text)[0] ?? task, purpose.categories);
    case 'review':
      return purpose.round <= 1
        ? 'REVISION NEEDED\n- Be more specific about the main point.\n- End with a one-line summary.'
        : 'APPROVED';
    case 'mesh_turn':
      return JSON.stringify({
        message: `${request.agentName}, round ${purpose.round}: ${purpose.round <= 1 ? 'my first take' : 'I agree with the others'} on ${topic(task)}.`,
        agree: purpose.round >= 2,
      });
    case 'specialist':
    case 'revision':
    case 'synthesis':
    case 'repair':
      return structuredOrProse(request, purpose, task, confidence);
    default:
      return assertNever(purpose, 'model call purpose');
  }
}

function structuredOrProse(
  request: Pick<ModelRequest, 'responseFormat' | 'agentName'>,
  purpose: ModelCallPurpose,
  task: string,
  confidence: number,
): string {
  if (request.responseFormat.type === 'json_schema') {
    const value = sampleFromSchema(request.responseFormat.schema, {
      confidence,
      text: (field) => `${request.agentName} ${field} (simulated)`,
    });
    return JSON.stringify(value);
  }
  const what = purpose.kind === 'revision' ? 'revised draft' : purpose.kind === 'synthesis' ? 'synthesis' : 'answer';
  return (
    `Simulated ${what} from ${request.agentName} about ${topic(task)}. ` +
    'It covers the main point, gives two concrete details and ends with a one-line summary. ' +
    'Summary: done.'
  );
}

/** The category whose name and description share the most words with the task; the first on a tie. */
export function chooseCategory(task: string, categories: { name: string; description: string }[]): string {
  const words = new Set(tokens(task));
  let best = categories[0]?.name ?? 'none';
  let bestScore = -1;
  for (const category of categories) {
    const own = new Set([...tokens(category.name.replace(/_/g, ' ')), ...tokens(category.description)]);
    let score = 0;
    for (const word of own) if (words.has(word)) score += 1;
    if (score > bestScore) {
      best = category.name;
      bestScore = score;
    }
  }
  return best;
}

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 2 && !STOPWORDS.has(w))
    .map((w) => (w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w));
}

/** A few words of the goal, for replies that read as if they were about it. */
function topic(task: string): string {
  const at = task.indexOf(`${GOAL_LEAD.text} `);
  const goal = at >= 0 ? (task.slice(at + GOAL_LEAD.text.length + 1).split('\n')[0] ?? '') : task;
  const words = goal.trim().split(/\s+/).slice(0, 8).join(' ');
  return words.length > 0 ? `"${words.replace(/[<>&"]/g, '')}"` : 'the goal';
}
