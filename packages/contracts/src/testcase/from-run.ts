// A test case from a recorded run: its completed steps, its decisions, its tier mapping and assertions prefilled
// from what the run did (status, routes taken, no escalation, its budget), for a person to edit.
import { BatonError } from '../errors';
import type { RunEvent } from '../events';
import type { GraphDocument } from '../graph/graph';
import type { ModelTier } from '../graph/nodes';
import type { JsonValue } from '../json';
import {
  TESTCASE_FORMAT,
  TESTCASE_VERSION,
  type TestCase,
  type TestCaseAssertions,
  type TestCaseDecision,
  type TestCaseStep,
} from './test-case';

export interface RecordedRun {
  name: string;
  description?: string;
  /** The graph the run ran (its version); its own tier mapping wins over the provider's, as in the engine. */
  graph: GraphDocument | null;
  events: readonly RunEvent[];
  runId?: string;
}

/** Thrown when the events do not hold a run that can become a case (no `run.started`, or the run never ended). */
export class NotARecordedRunError extends BatonError {
  constructor(message: string) {
    super('not_a_recorded_run', message);
  }
}

export function testCaseFromRun(recorded: RecordedRun): TestCase {
  const { events } = recorded;
  const started = events.find((e) => e.type === 'run.started');
  if (started?.type !== 'run.started') throw new NotARecordedRunError('The events hold no run.started.');
  const end = events.findLast(
    (e) => e.type === 'run.completed' || e.type === 'run.failed' || e.type === 'run.cancelled',
  );
  if (!end) throw new NotARecordedRunError('The run has not ended: only a finished run can become a test case.');
  const models = { ...started.provider.models, ...(recorded.graph?.models ?? {}) } as Record<ModelTier, string>;

  // A step counts once it completed; an attempt that failed (a cut stream) is not a recording of anything.
  const starts = new Map<string, Extract<RunEvent, { type: 'action.started' }>>();
  const steps: TestCaseStep[] = [];
  const decisions: TestCaseDecision[] = [];
  const routes: { router: string; target: string }[] = [];
  let escalated = false;
  for (const event of events) {
    switch (event.type) {
      case 'action.started':
        starts.set(event.actionId, event);
        break;
      case 'action.completed': {
        const start = starts.get(event.actionId);
        if (!start) break;
        if (start.actionType === 'route' && isChosen(event.output)) {
          routes.push({ router: start.agentName, target: event.output.chosen });
        }
        if (!event.stepKey || (start.actionType !== 'llm_call' && start.actionType !== 'tool_call')) break;
        steps.push({
          stepKey: event.stepKey,
          agentId: start.agentId,
          agentName: start.agentName,
          actionType: start.actionType,
          inputHash: start.inputHash,
          ...(start.tier ? { tier: start.tier } : {}),
          // The model asked for, which the input hash covers (a provider may answer with a longer id).
          ...(start.model ? { model: start.model } : {}),
          ...(start.messages ? { messages: start.messages } : {}),
          output: event.output,
          ...(event.usage ? { usage: event.usage } : {}),
          ...(event.toolCalls?.length ? { toolCalls: event.toolCalls } : {}),
          ...(start.tool ? { tool: start.tool } : {}),
        });
        break;
      }
      case 'escalation.requested':
        escalated = true;
        break;
      case 'escalation.resolved':
        if (event.stepKey) {
          decisions.push({
            stepKey: event.stepKey,
            decision: event.decision,
            ...(event.payload !== undefined ? { payload: event.payload } : {}),
            ...(event.note !== undefined ? { note: event.note } : {}),
          });
        }
        break;
      default:
        break;
    }
  }
  const status = end.type === 'run.completed' ? 'completed' : end.type === 'run.failed' ? 'failed' : 'cancelled';
  const assertions: TestCaseAssertions = {
    status,
    ...(routes.length > 0 ? { routes } : {}),
    ...(escalated ? {} : { noEscalation: true }),
    budget: { maxModelCalls: started.budget.maxModelCalls, maxTokens: started.budget.maxTokens },
  };
  return {
    format: TESTCASE_FORMAT,
    version: TESTCASE_VERSION,
    name: recorded.name,
    ...(recorded.description ? { description: recorded.description } : {}),
    graphId: started.graphId,
    graphVersion: started.graphVersion,
    ...(recorded.runId ? { recordedRunId: recorded.runId } : {}),
    goal: started.goal,
    ...(started.input !== undefined ? { input: started.input } : {}),
    models,
    steps,
    decisions,
    assertions,
  };
}

function isChosen(output: JsonValue): output is { chosen: string } {
  return typeof output === 'object' && output !== null && !Array.isArray(output) && typeof output.chosen === 'string';
}
