// What the HTTP routes ask of runs: start, cancel, decide, resume. Each writes what a person asked for to the store
// and wakes the executors through the notifier; none of it needs the process that executes the run.
import {
  type EscalationDecisionBody,
  formatJsonPath,
  GraphValidationError,
  isTerminalRunStatus,
  parseGraph,
  type RunEventOfType,
  type RunRecord,
  type StartRunBody,
  type StartRunResponse,
} from '@baton/contracts';
import { ConflictError, InvalidRequestError, NotFoundError } from '../errors';
import type { IdSource } from '../ids';
import type { GraphStore, RunClaims, RunNotifier, RunRequests, RunStore } from '../store/types';
import type { EnginePort } from './engine-port';
import type { EventSinks } from './event-sinks';
import { checkRunInput } from './run-input';
import { appendSealed, findEvent, readRunLog } from './run-log';
import { checkRunTools, type ToolDirectory } from './run-tools';
import { waitForRun } from './wait-for-run';

export const CANCEL_REASON = 'Cancelled by a person.';

export interface RunServiceDeps {
  graphs: GraphStore;
  runs: RunStore;
  claims: RunClaims;
  requests: RunRequests;
  notifier: RunNotifier;
  engine: EnginePort;
  newId: IdSource;
  secrets: readonly string[];
  clock?: () => number;
  /** How long cancel, decide and resume wait for an executor to record the outcome before answering. */
  settleTimeoutMs?: number;
  /** The executor's sinks: a run ended here (a cancel nobody held) reaches them too. */
  sinks?: EventSinks;
  /**
   * Hands a run to be executed (BullMQ: a job), after it is stored and the executors are woken. A failure is the
   * caller's to log: the run is in the store, and a worker's sweep hands it out once the queue answers again.
   */
  dispatch?: (runId: string) => Promise<void>;
  onDispatchError?: (runId: string, error: unknown) => void;
  /** The server's tool sources: a run naming a tool they lack is refused at start. */
  tools?: ToolDirectory;
}

export class RunService {
  private readonly clock: () => number;
  private readonly settleTimeoutMs: number;
  private accepting = true;

  constructor(private readonly deps: RunServiceDeps) {
    this.clock = deps.clock ?? Date.now;
    this.settleTimeoutMs = deps.settleTimeoutMs ?? 5000;
  }

  /** Checks the draft against every rule, pins it to a version, stores the run `queued` and wakes an executor. */
  /** `traceparent`: the caller's W3C trace context (already validated), kept for the run's exported trace. */
  async start(graphId: string, body: StartRunBody, context: { traceparent?: string } = {}): Promise<StartRunResponse> {
    if (!this.accepting) {
      throw new ConflictError('server_stopping', 'The server is stopping; start the run again soon.');
    }
    const { graphs, runs } = this.deps;
    const record = await graphs.getGraph(graphId);
    if (!record) throw new NotFoundError(`The graph "${graphId}"`, 'graph_not_found');
    const checked = parseGraph(record.draft);
    if (!checked.ok) throw new GraphValidationError(checked.issues);
    checkRunInput(checked.graph, body.input);
    if (this.deps.tools) await checkRunTools(checked.graph, this.deps.tools);
    const version = await graphs.versionOfDraft(graphId);
    const runId = this.deps.newId('run');
    await runs.createRun({
      id: runId,
      graphId,
      graphVersion: version.version,
      goal: body.goal,
      input: body.input ?? null,
      budget: body.budget ?? null,
    });
    if (context.traceparent) await this.deps.requests.setTraceParent(runId, context.traceparent);
    this.deps.notifier.notifyWork();
    await this.dispatch(runId);
    return { runId, graphVersion: version.version };
  }

  /**
   * Idempotent: an ended run is returned as it is. A run no live process holds ends `cancelled` at once, here; a
   * held one is cancelled by its executor, which reads the request from the store.
   */
  async cancel(runId: string): Promise<RunRecord> {
    const run = await this.requireRun(runId);
    if (isTerminalRunStatus(run.status)) return run;
    await this.deps.requests.requestCancel(runId, CANCEL_REASON);
    const owner = this.deps.newId('cancel');
    if (await this.deps.claims.claim(runId, owner, this.settleTimeoutMs)) {
      try {
        const current = await this.requireRun(runId);
        if (!isTerminalRunStatus(current.status)) {
          const spent = this.deps.engine.priorSpend(await readRunLog(this.deps.runs, runId));
          await appendSealed(
            this.deps,
            owner,
            current,
            { type: 'run.cancelled', reason: CANCEL_REASON, ...spent },
            this.clock(),
          );
        }
        await this.deps.requests.clearResumeRequest(runId);
      } finally {
        await this.deps.claims.release(runId, owner);
      }
      return this.requireRun(runId);
    }
    this.deps.notifier.notifyWork();
    return (await waitForRun(this.deps, runId, (r) => isTerminalRunStatus(r.status), this.settleTimeoutMs)) ?? run;
  }

  /** Stores a person's decision (once per escalation) for whichever process executes the run, now or later. */
  async decide(runId: string, escalationId: string, body: EscalationDecisionBody): Promise<RunRecord> {
    const run = await this.requireRun(runId);
    const requested = await findEvent(
      this.deps.runs,
      runId,
      (e) => e.type === 'escalation.requested' && e.escalationId === escalationId,
    );
    if (requested?.type !== 'escalation.requested') {
      throw new NotFoundError(`The escalation "${escalationId}" of run "${runId}"`, 'escalation_not_found');
    }
    if (!run.pendingEscalations.includes(escalationId)) throw decidedError(escalationId);
    if (run.status === 'interrupted') {
      throw new ConflictError(
        'run_interrupted',
        `The run "${runId}" is interrupted (${run.error?.message ?? 'no reason recorded'}); resume it, then decide.`,
      );
    }
    if (isTerminalRunStatus(run.status)) throw decidedError(escalationId);
    if (body.decision === 'edit') this.checkEdit(requested, body.payload);
    const resolution = {
      decision: body.decision,
      ...(body.payload !== undefined ? { payload: body.payload } : {}),
      ...(body.note !== undefined ? { note: body.note } : {}),
    };
    if (!(await this.deps.requests.recordDecision(runId, escalationId, resolution))) throw decidedError(escalationId);
    this.deps.notifier.notifyWork();
    // No process holds the run (it died, and no other took it over yet): the decision waits in the store for the
    // attempt that resumes the run; there is nothing to wait for here.
    if ((await this.deps.claims.holder(runId)) === null) return run;
    const settled = await waitForRun(
      this.deps,
      runId,
      (r) => !r.pendingEscalations.includes(escalationId) || isTerminalRunStatus(r.status),
      this.settleTimeoutMs,
    );
    return settled ?? run;
  }

  /** Asks for a new attempt of an interrupted run; a run going on or ended (otherwise) cannot be resumed. */
  async resume(runId: string): Promise<RunRecord> {
    const run = await this.requireRun(runId);
    if (run.status !== 'interrupted') {
      throw new ConflictError(
        'run_not_resumable',
        isTerminalRunStatus(run.status)
          ? `The run "${runId}" ended ${run.status}; only an interrupted run can be resumed.`
          : `The run "${runId}" is ${run.status}: it is going on (or about to), so there is nothing to resume.`,
      );
    }
    if (!this.accepting) {
      throw new ConflictError('server_stopping', 'The server is stopping; resume the run again soon.');
    }
    await this.deps.requests.requestResume(runId);
    this.deps.notifier.notifyWork();
    await this.dispatch(runId);
    // Answers once an executor took it (a new attempt started, or it was interrupted again with a new reason).
    const after = run.eventCount;
    return (await waitForRun(this.deps, runId, (r) => r.eventCount > after, this.settleTimeoutMs)) ?? run;
  }

  private async dispatch(runId: string): Promise<void> {
    if (!this.deps.dispatch) return;
    try {
      await this.deps.dispatch(runId);
    } catch (error) {
      this.deps.onDispatchError?.(runId, error);
    }
  }

  /** From now on, no new run is accepted (the process is stopping). */
  stopAccepting(): void {
    this.accepting = false;
  }

  /**
   * An edit must fit what it replaces: a handoff's payload its contract, a tool call's arguments the tool's input
   * schema. A result given by hand for a call that may have run is any JSON. Refused with nothing recorded.
   */
  private checkEdit(requested: RunEventOfType<'escalation.requested'>, payload: unknown): void {
    const subject = requested.subject;
    if (subject?.kind === 'tool_call' && subject.question === 'may_have_run') return;
    const contract =
      subject?.kind === 'tool_call' ? { ...requested.contract, schema: subject.inputSchema } : requested.contract;
    const check = this.deps.engine.validateHandoffPayload(contract, payload);
    if (check.ok) return;
    throw new InvalidRequestError(
      subject?.kind === 'tool_call'
        ? `The edited arguments do not match the input schema of the tool "${subject.tool}"; the call is still waiting.`
        : `The edited payload breaks the contract "${requested.contract.name}"; the escalation is still waiting.`,
      check.errors.map((e) => ({ path: formatJsonPath(['payload', ...e.path]), message: e.message })),
      subject?.kind === 'tool_call' ? 'invalid_arguments' : 'invalid_payload',
    );
  }

  private async requireRun(runId: string): Promise<RunRecord> {
    const run = await this.deps.runs.getRun(runId);
    if (!run) throw new NotFoundError(`The run "${runId}"`, 'run_not_found');
    return run;
  }
}

function decidedError(escalationId: string): ConflictError {
  return new ConflictError(
    'escalation_decided',
    `The escalation "${escalationId}" is no longer waiting: it was decided already, or its run ended.`,
  );
}
