// Reads back, from an HTTP chat request the engine sent, what it was asking for: lets the fake server answer like
// the simulated provider without any side channel in the request.
import type { ModelCallPurpose, ResponseFormat } from '../model/provider';
import { MESH_TURN_FORMAT_NAME, PLAN_FORMAT_NAME, REVIEW_MARKER, ROUTE_MARKER } from '../run/prompts';

export interface ChatRequestBody {
  model: string;
  messages: {
    role: string;
    content?: string | null;
    tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[];
    tool_call_id?: string;
  }[];
  tools?: { type: string; function: { name: string; description?: string; parameters?: unknown; strict?: boolean } }[];
  stream?: boolean;
  response_format?: {
    type: string;
    json_schema?: { name: string; schema?: Record<string, unknown>; strict?: boolean | null };
  };
  [key: string]: unknown;
}

export function inferPurpose(body: ChatRequestBody): ModelCallPurpose {
  const user = userText(body);
  const format = body.response_format?.json_schema?.name;
  if (format === PLAN_FORMAT_NAME || user.includes('Available workers:')) {
    return { kind: 'decompose', workers: listAfter(user, 'Available workers:') };
  }
  if (format === MESH_TURN_FORMAT_NAME || /Reply with JSON \{"message"/.test(user)) {
    return { kind: 'mesh_turn', round: Number(/Round (\d+) of/.exec(user)?.[1] ?? 1), peer: 'peer' };
  }
  if (user.includes(ROUTE_MARKER)) return { kind: 'route', categories: listAfter(user, 'Categories:') };
  if (user.includes(REVIEW_MARKER)) return { kind: 'review', round: Number(/Review round (\d+)/.exec(user)?.[1] ?? 1) };
  if (user.includes('Your previous draft was not approved')) return { kind: 'revision', round: 1 };
  if (user.includes('Subtask results:') || user.includes("The peers' final messages")) return { kind: 'synthesis' };
  return { kind: 'specialist' };
}

/** The response format as the engine gave it, when the request carries a json_schema format. */
export function responseFormatOf(body: ChatRequestBody): ResponseFormat {
  const schema = body.response_format?.json_schema;
  if (body.response_format?.type === 'json_schema' && schema?.schema) {
    return { type: 'json_schema', name: schema.name, schema: schema.schema };
  }
  // JSON mode and prompt-and-parse carry the schema in the last user message (see the openai provider).
  const last = body.messages.at(-1)?.content ?? '';
  const marker = 'matches this JSON Schema:\n';
  const at = last.indexOf(marker);
  if (at >= 0) {
    try {
      return { type: 'json_schema', name: 'prompted', schema: JSON.parse(last.slice(at + marker.length)) };
    } catch {
      return { type: 'text' };
    }
  }
  return { type: 'text' };
}

export function userText(body: ChatRequestBody): string {
  return body.messages
    .filter((m) => m.role === 'user')
    .map((m) => m.content ?? '')
    .join('\n');
}

function listAfter(text: string, heading: string): { name: string; description: string }[] {
  const start = text.indexOf(heading);
  if (start < 0) return [];
  const out: { name: string; description: string }[] = [];
  for (const line of text
    .slice(start + heading.length)
    .split('\n')
    .slice(1)) {
    const match = /^- ([a-z][a-z0-9_]*): (.*)$/.exec(line);
    if (!match) break;
    out.push({ name: match[1]!, description: match[2] === '(no description)' ? '' : match[2]! });
  }
  return out;
}
