// Executes runs: claims one in the store (a lease it renews), hands the engine its stored events as the replay, and
// records what the engine emits. In one process, at start and whenever the notifier says there is work, it takes
// every run that is not over and that no live process holds: new runs, runs a crashed process left, interrupted runs
// asked to resume. In a BullMQ worker, the queue hands it runs (`executeQueued`) and the store's lease decides.
import { randomBytes } from 'node:crypto';
import { type GraphDocument, isTerminalRunStatus, type RunRecord } from '@baton/contracts';
import type { ToolSource } from '@baton/engine';
import type { IdSource } from '../ids';
import type { Logger } from '../logger';
import { withTraceContext } from '../otel/trace-context-provider';
import { withToolTraceContext } from '../otel/trace-context-tools';
import { parseTraceParent } from '../otel/traceparent';
import { createScrubber } from '../secrets';
import type { GraphStore, RunClaims, RunNotifier, RunRequests, RunStore } from '../store/types';
import { DecisionWaiters } from './decision-waiters';
import type { EnginePort, ModelProvider } from './engine-port';
import { RunEventRecorder } from './event-recorder';
import { type EventSink, EventSinks, type SinkQueueOptions } from './event-sinks';
import { isDeadLocalOwner, newOwnerId } from './owner-id';
import { type DrainableProvider, drainableProvider } from './provider-gate';
import { resumeMismatch } from './resume-check';
import { appendSealed, fencedRuns, readRunLog } from './run-log';

export interface RunExecutorDeps {
  graphs: GraphStore;
  runs: RunStore;
  claims: RunClaims;
  requests: RunRequests;
  notifier: RunNotifier;
  engine: EnginePort;
  provider: ModelProvider;
  logger: Logger;
  newId: IdSource;
  /** Strings that must never be stored in an event (provider keys, the server token). */
  secrets: readonly string[];
  clock?: () => number;
  /** How long a claim lasts unless renewed; a run whose process died is taken by another after this. */
  leaseMs?: number;
  /** How often claims are renewed, and the store is looked at for work nobody announced (expired leases). */
  renewMs?: number;
  ownerId?: string;
  /** Consumers of the stored events besides the store (the OpenTelemetry exporter...), each behind its own queue. */
  sinks?: readonly EventSink[];
  sinkQueue?: SinkQueueOptions;
  /** Send each model request a W3C `traceparent` of its `chat` span (on when traces are exported). */
  propagateTraceContext?: boolean;
  /**
   * Where runs come from. `store` (one process): every unfinished run no live process holds is taken. `queue` (a
   * BullMQ worker): only the runs handed to `executeQueued`; cancels and decisions still come through the store.
   */
  takeWork?: 'store' | 'queue';
  /** The tool sources runs may use (the configuration's catalog); the engine's built-ins without it. */
  tools?: readonly ToolSource[];
}

/** How `executeQueued` ended: the run is over (here or elsewhere), gone from the store, or this process stops. */
export type QueuedOutcome = 'ended' | 'gone' | 'stopping';

interface Execution {
  runId: string;
  controller: AbortController;
  /** Set when this process stops recording the run: it is stopping, or it lost the claim. */
  detached: boolean;
  done: Promise<void>;
}

export const DEFAULT_LEASE_MS = 15_000;

/**
 * The run's provider, with a barrier before each call: what the run emitted so far is stored before the call is
 * sent. Without it, a call's completion could still sit in the write-behind queue when the next call goes out, and a
 * crash then would pay for both again; with it, a crash repeats only the calls in flight (and a reply that arrived in
 * the last few milliseconds, before its completion was committed). One turn of the event loop lets the events the
 * engine queued reach the recorder; the flush commits them.
 */
function storedBeforeEachCall(provider: ModelProvider, recorder: RunEventRecorder): ModelProvider {
  return {
    version: provider.version,
    info: provider.info,
    async complete(request) {
      await new Promise((resolve) => setImmediate(resolve));
      await recorder.flush();
      return provider.complete(request);
    },
  };
}

/** The same barrier before each tool call: a call that may have side effects is never repeated for a lost completion. */
function storedBeforeEachToolCall(source: ToolSource, recorder: RunEventRecorder): ToolSource {
  return {
    name: source.name,
    list: () => source.list(),
    async call(tool, args, options) {
      await new Promise((resolve) => setImmediate(resolve));
      await recorder.flush();
      return source.call(tool, args, options);
    },
  };
}

export class RunExecutor {
  readonly owner: string;
  private readonly active = new Map<string, Execution>();
  private readonly provider: DrainableProvider;
  private readonly decisions: DecisionWaiters;
  private readonly clock: () => number;
  private readonly leaseMs: number;
  private readonly renewMs: number;
  private stopping = false;
  private unsubscribe: () => void = () => {};
  private timer: ReturnType<typeof setInterval> | undefined;
  private scanning: Promise<void> | null = null;
  private rescan = false;
  private readonly sinks: EventSinks;
  /** The store, notifier, scrubber and sinks, as every append of this executor uses them. */
  private readonly logDeps: Omit<RunExecutorDeps, 'sinks'> & { sinks: EventSinks };

  constructor(private readonly deps: RunExecutorDeps) {
    this.owner = deps.ownerId ?? newOwnerId();
    this.provider = drainableProvider(deps.provider);
    this.decisions = new DecisionWaiters(deps.requests);
    this.clock = deps.clock ?? Date.now;
    this.leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
    this.renewMs = deps.renewMs ?? Math.max(50, Math.floor(this.leaseMs / 3));
    this.sinks = new EventSinks(deps.sinks ?? [], deps.logger, deps.sinkQueue);
    this.logDeps = { ...deps, sinks: this.sinks };
  }

  /** The sinks after the store (tests wait on them; health could report their drops). */
  get eventSinks(): EventSinks {
    return this.sinks;
  }

  /** Takes the work there is now and listens for more; resolves with the ids of the runs taken at start. */
  async start(): Promise<string[]> {
    this.unsubscribe = this.deps.notifier.subscribeWork(() => void this.scan());
    this.timer = setInterval(() => void this.tick(), this.renewMs);
    this.timer.unref?.();
    await this.scan();
    return [...this.active.keys()];
  }

  /** Runs executing in this process (for tests and health). */
  activeRunIds(): string[] {
    return [...this.active.keys()];
  }

  /**
   * Stops taking work, lets the model calls in flight finish (at most `graceMs`), stores what they produced and
   * releases every claim. The runs keep their status, no `run.interrupted` is written: the next start resumes them.
   */
  async shutdown(graceMs: number): Promise<void> {
    this.stopping = true;
    this.unsubscribe();
    clearInterval(this.timer);
    let timeout: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      this.provider.drain(),
      new Promise<void>((resolve) => {
        timeout = setTimeout(resolve, graceMs);
      }),
    ]);
    clearTimeout(timeout);
    // Two turns of the event loop: the completions of the last calls reach the recorder before it is cut off.
    for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
    if (this.scanning) await this.scanning.catch(() => {});
    for (const execution of this.active.values()) {
      execution.detached = true;
      execution.controller.abort(new Error('The server stopped; the run resumes at the next start.'));
    }
    await Promise.allSettled([...this.active.values()].map((e) => e.done));
    // What the sinks still hold is a copy of what is stored: it gets what is left of the grace, at most 5 s.
    await this.sinks.close(Math.min(graceMs, 5_000));
  }

  /** Looks at the store for work: runs to take, cancels of runs held here, decisions the engine waits on. */
  private scan(): Promise<void> {
    if (this.scanning) {
      this.rescan = true;
      return this.scanning;
    }
    this.scanning = (async () => {
      do {
        this.rescan = false;
        try {
          await this.scanOnce();
        } catch (error) {
          this.deps.logger.error('looking for runs to execute failed', error);
        }
      } while (this.rescan && !this.stopping);
    })().finally(() => {
      this.scanning = null;
    });
    return this.scanning;
  }

  private async scanOnce(): Promise<void> {
    const now = this.clock();
    const unfinished = this.deps.takeWork === 'queue' ? [] : await this.deps.claims.unfinished();
    for (const run of unfinished) {
      if (this.stopping) return;
      if (this.active.has(run.runId)) continue;
      const live = run.owner !== null && run.owner !== this.owner && (run.leaseUntil ?? 0) >= now;
      const dead = live && isDeadLocalOwner(run.owner!);
      if (live && !dead) continue;
      if (await this.deps.claims.claim(run.runId, this.owner, this.leaseMs, dead ? run.owner! : undefined)) {
        // Claimed while the process began to stop: let it go again, untouched, for the next process.
        if (this.stopping) await this.deps.claims.release(run.runId, this.owner);
        else this.begin(run.runId);
      }
    }
    for (const execution of this.active.values()) {
      const reason = await this.deps.requests.cancelRequest(execution.runId);
      if (reason !== null) execution.controller.abort(new Error(reason));
    }
    await this.decisions.check();
  }

  /**
   * Executes a run a queue handed over, once the store's lease lets this process hold it; resolves when the run is
   * over or nothing is left to do here. The queue's own idea of the job (active, stalled, redelivered) decides
   * nothing: a run another process holds is waited for, and a run that ended already (a job delivered again after
   * another worker finished it) is left as it is, with nothing written.
   */
  async executeQueued(runId: string): Promise<QueuedOutcome> {
    let executedHere = false;
    for (;;) {
      if (this.stopping) return 'stopping';
      const here = this.active.get(runId);
      if (here) {
        await here.done;
        continue;
      }
      const run = await this.deps.runs.getRun(runId);
      if (!run) return 'gone';
      const resumable = run.status === 'interrupted' && (await this.deps.requests.resumeRequested(runId));
      if (isTerminalRunStatus(run.status) && !resumable) return 'ended';
      const holder = await this.deps.claims.holder(runId);
      const dead = holder !== null && holder !== this.owner && isDeadLocalOwner(holder);
      if (holder === null || dead) {
        // An attempt here that stopped without ending the run (the store failed under it) is not retried in a loop:
        // the job fails, and a sweep hands the run out again later.
        if (executedHere) throw new Error(`Run ${runId} stopped here without ending.`);
        if (await this.deps.claims.claim(runId, this.owner, this.leaseMs, dead ? holder : undefined)) {
          if (this.stopping) {
            await this.deps.claims.release(runId, this.owner);
            return 'stopping';
          }
          executedHere = true;
          this.begin(runId);
          continue;
        }
      }
      await this.nap(runId);
    }
  }

  /** Until the run or the work changes (the notifier), or one renewal period, whichever comes first. */
  private nap(runId: string): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        offRun();
        offWork();
        resolve();
      };
      const timer = setTimeout(done, this.renewMs);
      const offRun = this.deps.notifier.subscribe(runId, done);
      const offWork = this.deps.notifier.subscribeWork(done);
    });
  }

  /** Renews the claims held here (a lost one stops its run unrecorded) and looks for unannounced work. */
  private async tick(): Promise<void> {
    for (const execution of [...this.active.values()]) {
      if (execution.detached) continue;
      try {
        if (!(await this.deps.claims.renew(execution.runId, this.owner, this.leaseMs))) {
          this.deps.logger.warn(`run ${execution.runId}: another process took it over; this one stops recording it`);
          execution.detached = true;
          execution.controller.abort(new Error('Another process took the run over.'));
        }
      } catch (error) {
        this.deps.logger.error(`run ${execution.runId}: renewing its claim failed`, error);
      }
    }
    if (!this.stopping) await this.scan();
  }

  private begin(runId: string): void {
    const execution: Execution = {
      runId,
      controller: new AbortController(),
      detached: false,
      done: Promise.resolve(),
    };
    this.active.set(runId, execution);
    execution.done = this.execute(execution)
      .catch((error) => this.deps.logger.error(`run ${runId} could not be executed`, error))
      .finally(async () => {
        this.active.delete(runId);
        await this.deps.claims.release(runId, this.owner).catch(() => {});
      });
  }

  private async execute(execution: Execution): Promise<void> {
    const { runs, requests } = this.deps;
    const { runId } = execution;
    const run = await runs.getRun(runId);
    if (!run) return;
    const resumeAsked = await requests.resumeRequested(runId);
    if (isTerminalRunStatus(run.status) && !(run.status === 'interrupted' && resumeAsked)) return;
    if (resumeAsked) await requests.clearResumeRequest(runId);
    const events = await readRunLog(runs, runId);
    const cancel = await requests.cancelRequest(runId);
    if (cancel !== null) {
      await appendSealed(
        this.logDeps,
        this.owner,
        run,
        { type: 'run.cancelled', reason: cancel, ...this.deps.engine.priorSpend(events) },
        this.clock(),
      );
      return;
    }
    const mismatch = resumeMismatch(events, this.provider.info);
    if (mismatch) {
      this.deps.logger.warn(`run ${runId} cannot resume here: ${mismatch}`);
      await appendSealed(this.logDeps, this.owner, run, { type: 'run.interrupted', reason: mismatch }, this.clock());
      return;
    }
    const version = await this.deps.graphs.getVersion(run.graphId, run.graphVersion);
    if (!version) {
      const error = { code: 'graph_version_missing', message: `Version ${run.graphVersion} of the graph is gone.` };
      await appendSealed(
        this.logDeps,
        this.owner,
        run,
        { type: 'run.failed', error, ...this.deps.engine.priorSpend(events) },
        this.clock(),
      );
      return;
    }
    await this.runEngine(execution, run, version.document, events);
  }

  private async runEngine(
    execution: Execution,
    run: RunRecord,
    graph: GraphDocument,
    replay: Awaited<ReturnType<typeof readRunLog>>,
  ): Promise<void> {
    const { engine, logger, runs, requests } = this.deps;
    const runId = run.id;
    const recorder = new RunEventRecorder({ ...this.logDeps, runs: fencedRuns(runs, this.owner) }, (error) => {
      logger.error(`run ${runId} could not store its events; it stops`, error);
      execution.controller.abort(new Error('The run could not store its events.'));
    });
    try {
      const budget = await runs.getRunBudget(runId);
      // Trace context on each model request and tool call when traces are exported or the caller gave a traceparent.
      const caller = parseTraceParent(await requests.traceParent(runId));
      const trace = caller !== null || this.deps.propagateTraceContext === true ? { caller } : null;
      const handle = engine.runGraph({
        runId,
        graph,
        graphVersion: run.graphVersion,
        goal: run.goal,
        ...(run.input !== null ? { input: run.input } : {}),
        ...(budget ? { budget } : {}),
        provider: storedBeforeEachCall(
          trace ? withTraceContext(this.provider, runId, trace.caller) : this.provider,
          recorder,
        ),
        ...(this.deps.tools
          ? {
              tools: this.deps.tools.map((source) =>
                storedBeforeEachToolCall(trace ? withToolTraceContext(source, runId, trace.caller) : source, recorder),
              ),
            }
          : {}),
        signal: execution.controller.signal,
        escalations: (request, signal) => this.decisions.wait(request, signal),
        clock: this.clock,
        ids: () => this.deps.newId('act'),
        nonce: await requests.nonce(runId, () => randomBytes(8).toString('hex')),
        replay,
        // Events are scrubbed of the server's secrets before they are sealed, so what is stored verifies as it is.
        scrubber: createScrubber(this.deps.secrets),
      });
      handle.outcome.catch(() => {}); // read below; a rejection here must not go unhandled
      for await (const event of handle.events) {
        if (execution.detached) break;
        const full = recorder.record(event);
        if (full) await full;
      }
      await recorder.flush();
      if (!execution.detached) await handle.outcome;
    } catch (error) {
      if (!execution.detached && !recorder.failed) logger.error(`run ${runId} stopped with an engine error`, error);
    }
    await recorder.flush().catch(() => {}); // what the engine queued before it failed; a store failure is logged
    if (!execution.detached) await this.ensureEnded(runId);
  }

  /** A run never stays open: if the engine stopped without a terminal event, one is written here. */
  private async ensureEnded(runId: string): Promise<void> {
    try {
      const run = await this.deps.runs.getRun(runId);
      if (!run || isTerminalRunStatus(run.status)) return;
      const spent = this.deps.engine.priorSpend(await readRunLog(this.deps.runs, runId));
      const error = { code: 'engine_error', message: 'The run stopped unexpectedly; the server log has the details.' };
      await appendSealed(this.logDeps, this.owner, run, { type: 'run.failed', error, ...spent }, this.clock());
    } catch (error) {
      this.deps.logger.error(`could not close run ${runId}`, error);
    }
  }
}
