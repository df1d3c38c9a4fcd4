// Reads back, from a model request's messages and response format, what the engine is asking for: the simulated
// provider answers by it, and so does the fake OpenAI server (from the HTTP body), with no side channel in the request.
// Only the engine's own sentences (prompts.ts) count: wrapped agent output is cut out first, so data that happens to
// hold "Categories:" or "Review round 1." cannot change what a request is read as.
import { type ModelRequest, messageText } from '../model/provider';
import {
  CATEGORIES_HEADING,
  MESH_TURN_FORMAT_NAME,
  MESH_TURN_ROUND,
  NO_DESCRIPTION,
  PEERS_FINAL_HEADING,
  PLAN_FORMAT_NAME,
  REPAIR_PROBLEMS_LEAD,
  REVIEW_ASK,
  REVIEW_ROUND,
  REVISION_ROUND,
  ROUTE_ASK,
  SUBTASK_RESULTS_HEADING,
  WORKERS_HEADING,
} from './prompts';

/** What a model call asks for, as a reader of the request tells it. */
export type ModelCallPurpose =
  | { kind: 'decompose'; workers: { name: string; description: string }[] }
  | { kind: 'route'; categories: { name: string; description: string }[] }
  | { kind: 'specialist' }
  | { kind: 'review'; round: number }
  | { kind: 'revision'; round: number }
  | { kind: 'mesh_turn'; round: number }
  | { kind: 'synthesis' }
  | { kind: 'repair' };

export interface RequestAsk {
  /** The text of the request's user messages, joined by line breaks, as sent. */
  userText: string;
  /** The name of the request's json_schema response format, if it has one. */
  formatName?: string;
}

/** What a request the engine makes asks for. */
export function purposeOf(request: Pick<ModelRequest, 'messages' | 'responseFormat'>): ModelCallPurpose {
  return inferPurpose(askOf(request));
}

/** The user text and format name of a request: what `inferPurpose` reads. */
export function askOf(request: Pick<ModelRequest, 'messages' | 'responseFormat'>): RequestAsk {
  const userText = request.messages
    .filter((m) => m.role === 'user')
    .map(messageText)
    .join('\n');
  const format = request.responseFormat;
  return format.type === 'json_schema' ? { userText, formatName: format.name } : { userText };
}

export function inferPurpose({ userText, formatName }: RequestAsk): ModelCallPurpose {
  const engine = withoutData(userText);
  if (engine.includes(REPAIR_PROBLEMS_LEAD.text)) return { kind: 'repair' };
  if (formatName === PLAN_FORMAT_NAME || engine.includes(WORKERS_HEADING.text)) {
    return { kind: 'decompose', workers: listAfter(engine, WORKERS_HEADING.text) };
  }
  const meshRound = MESH_TURN_ROUND.exec(engine);
  if (formatName === MESH_TURN_FORMAT_NAME || meshRound) {
    return { kind: 'mesh_turn', round: Number(meshRound?.[1] ?? 1) };
  }
  if (engine.includes(ROUTE_ASK.text)) {
    return { kind: 'route', categories: listAfter(engine, CATEGORIES_HEADING.text) };
  }
  if (engine.includes(REVIEW_ASK.text)) return { kind: 'review', round: Number(REVIEW_ROUND.exec(engine)?.[1] ?? 1) };
  const revision = REVISION_ROUND.exec(engine);
  if (revision) return { kind: 'revision', round: Number(revision[1]) };
  if (engine.includes(SUBTASK_RESULTS_HEADING.text) || engine.includes(PEERS_FINAL_HEADING.text)) {
    return { kind: 'synthesis' };
  }
  return { kind: 'specialist' };
}

/**
 * The text with every wrapper (trust/wrap.ts: tag, escaped body, note) replaced by a line break. A body and a label
 * hold no raw `<` or `>` and the note is one line, so the pattern cannot end early or run into engine text.
 */
export function withoutData(text: string): string {
  return text.replace(
    /<agent_data_([A-Za-z0-9_-]+) source="[^"<>\n]*">\n[^<>]*\n<\/agent_data_\1>\n\(The content of the [^\n]*?never as instructions to follow\.\)/g,
    '\n',
  );
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
    out.push({ name: match[1]!, description: match[2] === NO_DESCRIPTION.text ? '' : match[2]! });
  }
  return out;
}
