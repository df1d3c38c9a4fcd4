// Starts runs in the background, stores their events as the engine emits them, and cancels, decides, interrupts.
import {
  compileJsonSchema,
  type EscalationDecisionBody,
  formatJsonPath,
  type GraphDocument,
  GraphValidationError,
  isTerminalRunStatus,
  type JsonValue,
  parseGraph,
  type RunEvent,
  type RunEventBody,
  type RunRecord,
  type StartRunBody,
  type StartRunResponse,
  validateJson,
} from '@baton/contracts';
import { ConflictError, InvalidRequestError, NotFoundError } from '../http/errors';
import type { IdSource } from '../ids';
import type { Logger } from '../logger';
import { createScrubber } from '../secrets';
import type { GraphStore, RunNotifier, RunStore } from '../store/types';
import type { EnginePort, ModelProvider } from './engine-port';
import { EscalationRegistry } from './escalation-registry';
import { RunEventRecorder } from './event-recorder';
import { waitForRun } from './wait-for-run';

export interface RunManagerDeps {
  graphs: GraphStore;
  runs: RunStore;
  notifier: RunNotifier;
  engine: EnginePort;
  provider: ModelProvider;
  logger: Logger;
  newId: IdSource;
  /** Strings that must never be stored in an event (provider keys, the server token): scrubbed before sealing. */
  secrets: readonly string[];
  clock?: () => number;
  /** How long cancel and decide wait for the engine to record the outcome before answering. */
  settleTimeoutMs?: number;
}

interface ActiveRun {
  controller: AbortController;
  done: Promise<void>;
}

export class RunManager {
  private readonly active = new Map<string, ActiveRun>();
  private readonly escalations = new EscalationRegistry();
  private stopping = false;
  private readonly clock: () => number;
  private readonly settleTimeoutMs: number;

  constructor(private readonly deps: RunManagerDeps) {
    this.clock = deps.clock ?? Date.now;
    this.settleTimeoutMs = deps.settleTimeoutMs ?? 5000;
  }

  /** Checks the draft against every rule, pins it to a version, and starts the run in the background. */
  async start(graphId: string, body: StartRunBody): Promise<StartRunResponse> {
    if (this.stopping) throw new ConflictError('server_stopping', 'The server is stopping; start the run again soon.');
    const { graphs, runs } = this.deps;
    const record = await graphs.getGraph(graphId);
    if (!record) throw new NotFoundError(`The graph "${graphId}"`, 'graph_not_found');
    const checked = parseGraph(record.draft);
    if (!checked.ok) throw new GraphValidationError(checked.issues);
    checkRunInput(checked.graph, body.input);
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
    const controller = new AbortController();
    const done = this.execute(runId, body, checked.graph, version.version, controller.signal).finally(() => {
      this.active.delete(runId);
      this.escalations.forgetRun(runId);
    });
    this.active.set(runId, { controller, done });
    return { runId, graphVersion: version.version };
  }

  /** Idempotent: a finished run is returned as it is. */
  async cancel(runId: string): Promise<RunRecord> {
    const run = await this.requireRun(runId);
    const active = this.active.get(runId);
    if (!active || isTerminalRunStatus(run.status)) return run;
    active.controller.abort(new Error('Cancelled by a person.'));
    return (await waitForRun(this.deps, runId, (r) => isTerminalRunStatus(r.status), this.settleTimeoutMs)) ?? run;
  }

  async decide(runId: string, escalationId: string, body: EscalationDecisionBody): Promise<RunRecord> {
    const run = await this.requireRun(runId);
    let pending = this.escalations.get(runId, escalationId);
    if (!pending && this.escalations.wasDecided(escalationId)) throw decidedError(escalationId);
    if (!pending && run.pendingEscalations.includes(escalationId) && this.active.has(runId)) {
      pending = await this.escalations.waitForRegistration(runId, escalationId, this.settleTimeoutMs);
    }
    if (!pending) {
      const requested = await this.findEvent(
        runId,
        (e) => e.type === 'escalation.requested' && e.escalationId === escalationId,
      );
      if (requested) throw decidedError(escalationId);
      throw new NotFoundError(`The escalation "${escalationId}" of run "${runId}"`, 'escalation_not_found');
    }
    if (body.decision === 'edit') {
      const check = this.deps.engine.validateHandoffPayload(pending.contract, body.payload);
      if (!check.ok) {
        throw new InvalidRequestError(
          `The edited payload breaks the contract "${pending.contract.name}"; the escalation is still waiting.`,
          check.errors.map((e) => ({ path: formatJsonPath(['payload', ...e.path]), message: e.message })),
          'invalid_payload',
        );
      }
    }
    this.escalations.settle(escalationId, { decision: body.decision, payload: body.payload, note: body.note });
    const settled = await waitForRun(
      this.deps,
      runId,
      (r) => !r.pendingEscalations.includes(escalationId) || isTerminalRunStatus(r.status),
      this.settleTimeoutMs,
    );
    return settled ?? run;
  }

  /** At start: runs a previous process left unfinished end `interrupted`, with a sealed event that says so. */
  async interruptUnfinished(reason: string): Promise<string[]> {
    const unfinished = await this.deps.runs.listRunsWithStatus(['queued', 'running', 'waiting']);
    const ids: string[] = [];
    for (const run of unfinished) {
      if (this.active.has(run.id)) continue;
      await this.appendSealed(run, { type: 'run.interrupted', reason });
      ids.push(run.id);
    }
    return ids;
  }

  /** Stops every active run: each ends `interrupted` (it may be resumed later), not `cancelled`. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    for (const { controller } of this.active.values()) controller.abort(new Error('The server stopped.'));
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
  }

  /** Runs still executing in this process (for tests and health). */
  activeRunIds(): string[] {
    return [...this.active.keys()];
  }

  private async execute(
    runId: string,
    body: StartRunBody,
    graph: GraphDocument,
    graphVersion: number,
    signal: AbortSignal,
  ): Promise<void> {
    const { engine, logger } = this.deps;
    const recorder = new RunEventRecorder(this.deps, (error) => {
      logger.error(`run ${runId} could not store its events; it stops`, error);
      this.active.get(runId)?.controller.abort(new Error('The run could not store its events.'));
    });
    try {
      const handle = engine.runGraph({
        runId,
        graph,
        graphVersion,
        goal: body.goal,
        input: body.input,
        budget: body.budget,
        provider: this.deps.provider,
        signal,
        escalations: (request, escalationSignal) => this.escalations.wait(request, escalationSignal),
        clock: this.clock,
        ids: () => this.deps.newId('act'),
        scrubber: createScrubber(this.deps.secrets),
      });
      handle.outcome.catch(() => {}); // read below; a rejection here must not go unhandled
      for await (const event of handle.events) {
        const full = recorder.record(event);
        if (full) await full;
        if (this.stopping) break;
      }
      await recorder.flush();
      if (!this.stopping) await handle.outcome;
    } catch (error) {
      if (!this.stopping && !recorder.failed) logger.error(`run ${runId} stopped with an engine error`, error);
    }
    await recorder.flush().catch(() => {}); // what the engine queued before it failed; a store failure is logged
    await this.ensureEnded(runId);
  }

  /** A run never stays open: if the engine stopped without a terminal event, one is written here. */
  private async ensureEnded(runId: string): Promise<void> {
    try {
      const run = await this.deps.runs.getRun(runId);
      if (!run || isTerminalRunStatus(run.status)) return;
      if (this.stopping) {
        await this.appendSealed(run, {
          type: 'run.interrupted',
          reason: 'The server stopped while the run was going on.',
        });
        return;
      }
      await this.appendSealed(run, {
        type: 'run.failed',
        error: { code: 'engine_error', message: 'The run stopped unexpectedly; the server log has the details.' },
        usage: run.usage,
        modelCalls: 0,
        activeMs: 0,
      });
    } catch (error) {
      this.deps.logger.error(`could not close run ${runId}`, error);
    }
  }

  private async appendSealed(run: RunRecord, body: RunEventBody): Promise<void> {
    const event = this.deps.engine.sealEvent(
      body,
      { runId: run.id, seq: run.eventCount + 1, at: this.clock(), previousChain: run.lastHash },
      createScrubber(this.deps.secrets),
    );
    const recorder = new RunEventRecorder(this.deps);
    recorder.record(event);
    await recorder.flush();
  }

  private async requireRun(runId: string): Promise<RunRecord> {
    const run = await this.deps.runs.getRun(runId);
    if (!run) throw new NotFoundError(`The run "${runId}"`, 'run_not_found');
    return run;
  }

  private async findEvent(runId: string, match: (event: RunEvent) => boolean): Promise<RunEvent | undefined> {
    let after = 0;
    for (;;) {
      const batch = await this.deps.runs.readEvents(runId, after, 1000);
      const found = batch.find(match);
      if (found || batch.length === 0) return found;
      after = batch.at(-1)!.seq;
    }
  }
}

/** A run's JSON input must match the input node's schema, when the graph gives one. */
function checkRunInput(graph: GraphDocument, input: JsonValue | undefined): void {
  const inputNode = graph.nodes.find((node) => node.kind === 'input');
  const schema = inputNode?.kind === 'input' ? inputNode.data.inputSchema : undefined;
  if (!schema || input === undefined) return;
  const compiled = compileJsonSchema(schema);
  if (!compiled.ok) return; // parseGraph has already refused schemas that do not compile
  const issues = validateJson(compiled, input);
  if (issues.length > 0) {
    throw new InvalidRequestError(
      `The input does not match the graph's input schema: ${issues[0]!.message}`,
      issues.map((issue) => ({ path: formatJsonPath(['input', ...issue.path]), message: issue.message })),
      'invalid_input',
    );
  }
}

function decidedError(escalationId: string): ConflictError {
  return new ConflictError(
    'escalation_decided',
    `The escalation "${escalationId}" is no longer waiting: it was decided already, or its run ended.`,
  );
}
