// One tool call of a reply: arguments checked against the tool's input schema before anything runs, the call made
// with the run's signal and a time limit, the result (or the error) turned into the one wrapper for the model.
// A completed call is a step: on replay or resume, and in a test case's replay, its recorded result is used and the
// source is not called.

import { assertNever, BatonError, type JsonValue } from '@baton/contracts';
import { inputHash } from '../audit/canonical';
import { scrubValue } from '../audit/scrub';
import { validateAgainst } from '../contracts/schema';
import { StepDivergedError, toErrorInfo } from '../errors';
import type { ToolCall } from '../model/provider';
import { type Action, parseJsonText, type RunContext } from '../run/context';
import { FROM_RECORDING, REUSED } from '../run/step-summary';
import { toolStepChanges } from '../testcase/step-changes';
import { type DataText, wrapToolResult } from '../trust/wrap';
import type { ToolResult } from './source';
import type { ResolvedTool } from './tool-loop';

/** Default time limit of one tool call. */
export const TOOL_TIMEOUT_MS = 30_000;

export interface ToolCallOutcome {
  /** The tool's configured name (or `unknown_tool` for a name the agent does not have). */
  name: string;
  /** The arguments re-serialised from the validated value; `{}` when they were not valid. */
  argumentsText: string;
  argumentsValue: JsonValue;
  /** The `tool` message's whole content. */
  content: DataText;
  /** What the call returned or why it failed, as recorded. */
  record: JsonValue;
}

/** Why a tool call gave the model an error result: its code is recorded on the failed tool_call action. */
class ToolCallError extends BatonError {}

export async function runToolCall(
  ctx: RunContext,
  parent: Action,
  spec: { agentId: string; agentName: string; stepKey: string; call: ToolCall; tool: ResolvedTool | undefined },
): Promise<ToolCallOutcome> {
  const { call, tool } = spec;
  const name = tool?.descriptor.name ?? 'unknown_tool';
  const parsed = parseArguments(call.arguments);
  const argumentsValue: JsonValue = parsed.ok ? parsed.value : {};
  let problem: ToolCallError | null = null;
  if (!tool) problem = new ToolCallError('tool_unknown', 'There is no tool of that name for this agent.');
  else if (!parsed.ok) problem = new ToolCallError('tool_invalid_arguments', parsed.error);
  else if (!tool.compiled.ok) problem = new ToolCallError('tool_invalid_schema', tool.compiled.message);
  else {
    const issues = validateAgainst(tool.compiled, parsed.value);
    if (issues.length > 0) {
      const list = issues.slice(0, 10).map((issue) => `${issue.path.join('.') || '(the arguments)'}: ${issue.message}`);
      problem = new ToolCallError(
        'tool_invalid_arguments',
        `The arguments do not match the input schema: ${list.join('; ')}`,
      );
    }
  }
  const valid = problem === null;
  const argumentsText = valid ? JSON.stringify(argumentsValue) : '{}';
  const logical = { source: tool?.source.name ?? null, tool: name, arguments: valid ? argumentsValue : call.arguments };

  // Reused only when the call's inputs hash the same as when it was recorded (the same tool and arguments).
  const hash = inputHash(logical);
  const recorded = ctx.replay.completedStep(spec.stepKey, hash);
  if (recorded.kind === 'reuse' && valid) {
    const action = await ctx.start({
      parent,
      agentId: spec.agentId,
      agentName: spec.agentName,
      actionType: 'tool_call',
      stepKey: spec.stepKey,
      logical,
      summary: REUSED,
      tool: { source: tool!.source.name, name, arguments: argumentsValue },
    });
    const output = recorded.value.output;
    await ctx.complete(action, output);
    return { name, argumentsText, argumentsValue, content: resultContent(ctx, output), record: output };
  }
  // A test case's replay: answered from the recorded run while the inputs match; offline, a changed call fails here.
  const recording = ctx.options.recording;
  if (recording && valid) {
    const current = { source: tool!.source.name, name, arguments: argumentsValue };
    const found = recording.lookup(spec, hash, (step) => toolStepChanges(step, current));
    if (found.kind === 'reuse' || !recording.live) {
      const action = await ctx.start({
        parent,
        agentId: spec.agentId,
        agentName: spec.agentName,
        actionType: 'tool_call',
        stepKey: spec.stepKey,
        logical,
        ...(found.kind === 'reuse' ? { summary: FROM_RECORDING } : {}),
        tool: current,
      });
      if (found.kind === 'diverged') {
        const error = new StepDivergedError(spec.stepKey, spec.agentName, found.verdict.changes);
        await ctx.fail(action, error);
        throw error;
      }
      const output = found.step.output;
      await ctx.complete(action, output);
      return { name, argumentsText, argumentsValue, content: resultContent(ctx, output), record: output };
    }
    // Live: the diverged call is made below, like any other; its result joins the report for the output diff.
  }

  ctx.throwIfAborted();
  ctx.meter.startToolCall();
  const action = await ctx.start({
    parent,
    agentId: spec.agentId,
    agentName: spec.agentName,
    actionType: 'tool_call',
    stepKey: spec.stepKey,
    attempt: ctx.replay.nextAttempt(spec.stepKey),
    logical,
    tool: { source: tool?.source.name ?? 'unknown', name, arguments: valid ? argumentsValue : call.arguments },
  });
  try {
    if (problem) throw problem;
    const result = await callWithLimit(ctx, tool!, argumentsValue, action.actionId);
    // Scrubbed before the model sees it, as the event is: a tool that repeats a credential it was sent (an MCP
    // header, a fetched page echoing its token) sends it nowhere, and a resumed run reads back the same text.
    const scrubber = ctx.options.scrubber;
    const output = scrubber ? scrubValue(resultRecord(result), scrubber) : resultRecord(result);
    await ctx.complete(action, output);
    recording?.answered(spec.stepKey, output);
    return { name, argumentsText, argumentsValue, content: resultContent(ctx, output), record: output };
  } catch (error) {
    // A cancelled run stops here: nothing goes back to a model that will not be called again.
    if (ctx.signal.aborted) {
      await ctx.fail(action, ctx.signal.reason);
      throw ctx.signal.reason;
    }
    const failure =
      error instanceof BatonError
        ? error
        : new ToolCallError('tool_failed', (error as Error)?.message ?? String(error));
    await ctx.fail(action, failure);
    const info = toErrorInfo(failure);
    const text =
      info.code === 'tool_invalid_arguments' && !parsed.ok
        ? `Error: ${info.message} The arguments as written: ${call.arguments}`
        : `Error: ${info.message}`;
    return {
      name,
      argumentsText,
      argumentsValue,
      content: wrapToolResult(ctx.nonce, text),
      record: { error: info.message },
    };
  }
}

async function callWithLimit(
  ctx: RunContext,
  tool: ResolvedTool,
  args: JsonValue,
  actionId: string,
): Promise<ToolResult> {
  const timeoutMs = ctx.options.toolTimeoutMs ?? TOOL_TIMEOUT_MS;
  const limit = new AbortController();
  const timer = setTimeout(
    () => limit.abort(new ToolCallError('tool_timeout', `The tool did not answer within ${timeoutMs} ms.`)),
    timeoutMs,
  );
  const signal = AbortSignal.any([ctx.signal, limit.signal]);
  try {
    // A source that ignores its signal still cannot hold the loop: the race ends when the signal does.
    return await Promise.race([
      tool.source.call(tool.descriptor.name, args, { signal, actionId }),
      new Promise<never>((_, reject) => {
        if (signal.aborted) reject(signal.reason);
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function parseArguments(text: string): { ok: true; value: JsonValue } | { ok: false; error: string } {
  const parsed = parseJsonText(text || '{}');
  if (!parsed.ok) return { ok: false, error: 'The arguments are not valid JSON.' };
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return { ok: false, error: 'The arguments must be a JSON object.' };
  }
  return { ok: true, value: parsed.value as JsonValue };
}

/** The recorded output of a completed call: its content as JSON, and whether the tool reported an error. */
function resultRecord(result: ToolResult): JsonValue {
  return {
    isError: result.isError === true,
    content: result.content.map((part): JsonValue => {
      switch (part.type) {
        case 'text':
          return { type: 'text', text: part.text };
        case 'json':
          return { type: 'json', value: part.value };
        case 'other':
          return { type: 'other', mimeType: part.mimeType };
        default:
          return assertNever(part, 'tool content');
      }
    }),
  };
}

/** What the model reads: text as text, structured content as JSON, anything else as a one-line note. */
function resultContent(ctx: RunContext, record: JsonValue): DataText {
  const { isError, content } = record as {
    isError: boolean;
    content: { type: string; text?: string; value?: JsonValue; mimeType?: string }[];
  };
  const parts: JsonValue[] = content.map((part) =>
    part.type === 'text'
      ? part.text!
      : part.type === 'json'
        ? part.value!
        : `[The tool returned ${part.mimeType} content, which is not shown.]`,
  );
  const body: JsonValue = parts.length === 1 ? parts[0]! : parts;
  return wrapToolResult(ctx.nonce, isError ? { error: body } : body);
}
