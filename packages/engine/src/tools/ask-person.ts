// A person's say before a tool call runs, through the run's escalation machinery (the same steps, handler, events and
// decision route as a low-confidence handoff), so that a decision is a step: on replay or resume it is reused.
// Two questions: approval (the agent's tool reference asks for it, or a simulated run reaches a tool that may have
// side effects), and a call that may have run (an earlier attempt began it and never recorded its end).
import type { EscalationSubject, JsonValue } from '@baton/contracts';
import type { Action, RunContext } from '../run/context';
import { escalate } from '../run/escalate';
import type { EscalationResolution } from '../run-options';
import type { ResolvedTool } from './tool-loop';

/** What the call does after the person's say: run (with these arguments), give this result, or not run at all. */
export type ToolGate =
  | { kind: 'run'; arguments: JsonValue; edited: boolean }
  | { kind: 'result'; value: JsonValue }
  | { kind: 'refused'; code: 'tool_rejected' | 'tool_failed_by_person'; message: string };

interface CallSpec {
  agentId: string;
  agentName: string;
  /** The tool_call step's key; each question is a step of its own beneath it. */
  stepKey: string;
}

/** Asks what the tool's settings and the run's history call for; with nothing to ask, the call runs as written. */
export async function askBeforeToolCall(
  ctx: RunContext,
  parent: Action,
  spec: CallSpec,
  tool: ResolvedTool,
  args: JsonValue,
): Promise<ToolGate> {
  const name = tool.descriptor.name;
  let current = args;
  let edited = false;
  const simulatedSideEffects = ctx.options.provider.info.simulated && tool.descriptor.sideEffects;
  if (tool.requiresApproval || simulatedSideEffects) {
    const reason = tool.requiresApproval
      ? `${spec.agentName} wants to call the tool "${name}", which needs a person's approval first.`
      : `${spec.agentName} wants to call the tool "${name}", which may have side effects: in a simulated run it asks first.`;
    const resolution = await ask(ctx, parent, spec, tool, current, 'approval', reason, `${spec.stepKey}/approval`);
    if (resolution.decision === 'reject') {
      return { kind: 'refused', code: 'tool_rejected', message: withNote('A person rejected this call.', resolution) };
    }
    if (resolution.decision === 'edit') {
      current = resolution.payload ?? null;
      edited = true;
    }
  }
  // Read-only tools are simply called again; only a call that may have changed something needs a person.
  const unfinished = tool.descriptor.sideEffects ? ctx.replay.unfinishedToolCall(spec.stepKey) : undefined;
  if (unfinished !== undefined) {
    const reason =
      `The call of "${name}" began in attempt ${unfinished} of this call and never completed: the run stopped while it ` +
      'was running. The tool may have side effects, so it may have run. Run it again, give its result, or fail it.';
    const resolution = await ask(
      ctx,
      parent,
      spec,
      tool,
      current,
      'may_have_run',
      reason,
      `${spec.stepKey}/unfinished:${unfinished}`,
    );
    if (resolution.decision === 'edit') return { kind: 'result', value: resolution.payload ?? null };
    if (resolution.decision === 'reject') {
      return {
        kind: 'refused',
        code: 'tool_failed_by_person',
        message: withNote('The call may have run before the run stopped; a person chose to fail it.', resolution),
      };
    }
  }
  return { kind: 'run', arguments: current, edited };
}

function ask(
  ctx: RunContext,
  parent: Action,
  spec: CallSpec,
  tool: ResolvedTool,
  args: JsonValue,
  question: 'approval' | 'may_have_run',
  reason: string,
  stepKey: string,
): Promise<EscalationResolution> {
  const subject: EscalationSubject = {
    kind: 'tool_call',
    source: tool.source.name,
    tool: tool.descriptor.name,
    arguments: args,
    inputSchema: tool.descriptor.inputSchema,
    question,
  };
  return escalate(ctx, parent, {
    agentId: spec.agentId,
    agentName: spec.agentName,
    stepKey,
    // The handoff fields, filled for readers that know only handoffs (see EscalationRequestedEvent).
    edgeId: '',
    sourceId: spec.agentId,
    targetId: spec.agentId,
    contract: {
      name: tool.descriptor.name,
      schema: question === 'approval' ? tool.descriptor.inputSchema : {},
      requiredConfidence: 0,
      onLowConfidence: 'escalate',
    },
    payload: args,
    confidence: null,
    reason,
    subject,
  });
}

function withNote(sentence: string, resolution: EscalationResolution): string {
  return resolution.note ? `${sentence} Their note: ${resolution.note}` : sentence;
}
