// Asks an agent for its output: free text, or JSON that must match its schema (repaired once when it does not).
import { formatJsonPath, type JsonValue } from '@baton/contracts';
import { validateAgainst } from '../contracts/schema';
import type { Action, Check, Producer, RunContext } from '../run/context';
import { formatFor } from '../run/prompts';
import { callWithTools } from '../tools/tool-loop';
import type { PromptText } from '../trust/wrap';

/** Runs the producer's call (with an optional extra user message) and returns its payload. */
export async function produce(
  ctx: RunContext,
  parent: Action,
  producer: Producer,
  extra?: { content: PromptText; stepKey: string; logical: unknown },
): Promise<JsonValue> {
  const spec = {
    agentId: producer.agentId,
    agentName: producer.agentName,
    stepKey: extra?.stepKey ?? producer.stepKey,
    tier: producer.tier,
    messages: extra ? [...producer.messages, { role: 'user' as const, content: extra.content }] : producer.messages,
    responseFormat: formatFor(producer.schema),
    tools: producer.tools,
    logical: extra ? { ...(producer.logical as object), extra: extra.logical } : producer.logical,
  };
  if (!producer.schema) return (await callWithTools(ctx, parent, spec)).response.text;
  const compiled = ctx.compiled(producer.schema);
  return ctx.structuredCall(parent, spec, (value): Check<JsonValue> => {
    if (!producer.ownSchema || !compiled.ok) return { ok: true, value: value as JsonValue };
    const issues = validateAgainst(compiled, value);
    if (issues.length === 0) return { ok: true, value: value as JsonValue };
    return { ok: false, errors: issues.map((issue) => `${formatJsonPath(issue.path)}: ${issue.message}`) };
  });
}
