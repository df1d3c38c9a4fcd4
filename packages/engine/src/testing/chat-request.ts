// An HTTP chat request as the engine's openai adapter sends it, and what the fake server reads from it: the user
// text, the response format and (through run/infer-purpose.ts, as the simulated provider does) what it asks for.
import type { ResponseFormat } from '../model/provider';
import { inferPurpose, type ModelCallPurpose } from '../run/infer-purpose';
import { SCHEMA_IN_PROMPT_ASK } from '../run/prompts';

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

/** What a chat request sent over HTTP asks for, read as the simulated provider reads a `ModelRequest`. */
export function requestPurpose(body: ChatRequestBody): ModelCallPurpose {
  const format = body.response_format;
  const formatName = format?.type === 'json_schema' ? format.json_schema?.name : undefined;
  return inferPurpose({ userText: userText(body), ...(formatName ? { formatName } : {}) });
}

/** The response format as the engine gave it, when the request carries a json_schema format. */
export function responseFormatOf(body: ChatRequestBody): ResponseFormat {
  const schema = body.response_format?.json_schema;
  if (body.response_format?.type === 'json_schema' && schema?.schema) {
    return { type: 'json_schema', name: schema.name, schema: schema.schema };
  }
  // JSON mode and prompt-and-parse carry the schema in the last user message (see the openai provider).
  const last = body.messages.at(-1)?.content ?? '';
  const marker = `${SCHEMA_IN_PROMPT_ASK.text}\n`;
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
