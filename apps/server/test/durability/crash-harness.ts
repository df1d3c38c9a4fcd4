// Kills the real server (a child process) at points chosen by what the fake OpenAI server has seen, restarts it on
// the same data directory, and checks that every run completes as an uninterrupted one does, paying for nothing twice.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type GraphRecord,
  isTerminalRunStatus,
  type JsonValue,
  type RunEvent,
  type RunRecord,
  type StartRunResponse,
} from '@baton/contracts';
import { verifyRunLog } from '@baton/engine';
import {
  type FakeOpenAIServer,
  type FakeReply,
  type RecordedRequest,
  requestContentKey,
  requestPurpose,
  startFakeOpenAIServer,
} from '@baton/engine/testing';
import { type ChildServer, startChildServer } from '../child-server';
import { readSse } from '../sse';
import { describeRequest } from './graphs';
import type { KillPoint } from './kill-points';

export interface KillReport {
  name: string;
  kills: number;
  /** Requests sent and not answered when the process died (the held one among them). */
  inFlight: number;
  /** Answered before the kill but their `action.completed` was not stored yet: these may be sent again. */
  lostToWriteBehind: number;
  /** Requests sent again after a restart (each must be one whose completion was lost). */
  repeated: number;
  /** Completed calls (their completion stored) sent again: must be 0. */
  completedSentAgain: number;
  /** From spawning the new process to the resumed attempt's `run.started`, per restart. */
  restartToResumedMs: number[];
  /** From spawning the new process to its accepting HTTP requests, per restart. */
  bootMs: number[];
  events: number;
  problems: string[];
}

export class CrashHarness {
  private fake!: FakeOpenAIServer;
  private server!: ChildServer;
  private readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-durability-'));
  private readonly graphIds = new Map<string, string>();
  private readonly baselines = new Map<string, JsonValue>();

  async start(): Promise<void> {
    this.fake = await startFakeOpenAIServer({ respond: wideFanOut });
    this.server = await this.spawn();
  }

  async close(): Promise<void> {
    this.server?.process.kill('SIGKILL');
    await this.fake?.close();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Kills the server at the point (as often as it says), restarts it each time, and checks the run's outcome. */
  async run(point: KillPoint): Promise<KillReport> {
    const graphId = await this.graphId(point);
    const baseline = await this.baseline(point, graphId);
    const problems: string[] = [];
    const firstRequest = this.fake.requests.length;
    // Armed before the run starts: its first request can arrive before the start's answer does.
    let reached = this.armKillPoint(point);
    const runId = await this.startRun(graphId, point.goal);
    const watcher = this.watch(runId);
    // A person who approves every question at once, except where the point is the question itself.
    const person = { stop: false };
    const approving = point.when === 'waiting' ? Promise.resolve() : this.approveAll(runId, person);
    const report: KillReport = {
      name: point.name,
      kills: 0,
      inFlight: 0,
      lostToWriteBehind: 0,
      repeated: 0,
      completedSentAgain: 0,
      restartToResumedMs: [],
      bootMs: [],
      events: 0,
      problems,
    };
    // Content keys the fake answered before each kill; requests sent after each restart are checked against them.
    const answeredBefore = new Set<string>();
    const restarts: { from: number; completed: Set<string>; answered: Set<string> }[] = [];
    let windowStart = firstRequest;
    for (let kill = 0; kill < (point.kills ?? 1); kill++) {
      await reached(runId);
      // Answered in this process's lifetime: a reply that arrived, and may or may not be stored.
      const answeredNow = new Set<string>();
      for (const request of this.fake.requests.slice(windowStart)) {
        if (request.answered) answeredNow.add(requestContentKey(request.body));
        else if (!request.aborted) report.inFlight += 1;
      }
      for (const key of answeredNow) answeredBefore.add(key);
      const sentBeforeKill = this.fake.requests.length;
      windowStart = sentBeforeKill;
      this.server.process.kill('SIGKILL');
      await this.server.exited;
      report.kills += 1;
      const spawnedAt = Date.now();
      if (kill + 1 < (point.kills ?? 1)) reached = this.armKillPoint(point);
      this.server = await this.spawn();
      report.bootMs.push(Date.now() - spawnedAt);
      const resumedAt = await this.attemptStartedAfter(runId, spawnedAt);
      report.restartToResumedMs.push(resumedAt - spawnedAt);
      // What the dead process had stored: the completions logged before the new attempt began. A reply it got
      // and had not stored is lost to write-behind (counted once per process that lost it).
      const completed = completedCalls(await this.events(runId), resumedAt);
      for (const key of answeredNow) if (!completed.has(key)) report.lostToWriteBehind += 1;
      restarts.push({ from: sentBeforeKill, completed, answered: new Set(answeredBefore) });
      if (point.when === 'waiting') await this.decideAfterRestart(runId, point, kill);
    }
    const run = await this.finished(runId);
    person.stop = true;
    await approving;
    // Each restart's requests: a call completed in the log before it must not come again; one answered but not
    // logged (lost to write-behind) may.
    restarts.forEach((restart, i) => {
      for (const request of this.fake.requests.slice(restart.from, restarts[i + 1]?.from)) {
        const key = requestContentKey(request.body);
        if (restart.completed.has(key)) report.completedSentAgain += 1;
        else if (restart.answered.has(key)) report.repeated += 1;
      }
    });
    const events = await this.events(runId);
    report.events = events.length;
    if (run.status !== 'completed') problems.push(`ended ${run.status}: ${run.error?.message ?? ''}`);
    if (JSON.stringify(run.result) !== JSON.stringify(baseline)) {
      problems.push(`result differs from an uninterrupted run: ${JSON.stringify(run.result).slice(0, 200)}`);
    }
    const verified = verifyRunLog(events, { lastHash: run.lastHash, count: run.eventCount });
    if (!verified.ok) problems.push(`log does not verify: ${JSON.stringify(verified)}`);
    if (events.some((e, i) => e.seq !== i + 1)) problems.push('seq has gaps');
    if (report.completedSentAgain > 0) problems.push(`${report.completedSentAgain} completed call(s) sent again`);
    if (report.repeated > report.lostToWriteBehind) {
      problems.push(`${report.repeated} call(s) repeated but only ${report.lostToWriteBehind} completion(s) were lost`);
    }
    const seen = await watcher;
    const expected = events.map((e) => e.seq);
    if (JSON.stringify(seen) !== JSON.stringify(expected)) {
      problems.push(
        `the SSE watcher saw ${seen.length} events (${describeSeqs(seen)}), the log has ${expected.length}`,
      );
    }
    return report;
  }

  private spawn(): Promise<ChildServer> {
    return startChildServer({
      BATON_DATA_DIR: this.dataDir,
      OPENAI_API_KEY: 'sk-durability-test',
      OPENAI_BASE_URL: this.fake.baseURL,
    });
  }

  private get url(): string {
    return this.server.url;
  }

  private async graphId(point: KillPoint): Promise<string> {
    const key = point.graph.id;
    const known = this.graphIds.get(key);
    if (known) return known;
    const response = await post(`${this.url}/api/graphs/import`, point.graph);
    if (response.status !== 201 && response.status !== 200) throw new Error(`import failed: ${await response.text()}`);
    const graph = (await response.json()) as GraphRecord;
    this.graphIds.set(key, graph.id);
    return graph.id;
  }

  /** The result of an uninterrupted run of the same graph and goal (a person approves, if asked). */
  private async baseline(point: KillPoint, graphId: string): Promise<JsonValue> {
    const key = `${graphId}\n${point.goal}`;
    if (this.baselines.has(key)) return this.baselines.get(key)!;
    const runId = await this.startRun(graphId, point.goal);
    for (;;) {
      const run = await this.getRun(runId);
      if (run.status === 'waiting' && run.pendingEscalations.length > 0) {
        await post(`${this.url}/api/runs/${runId}/escalations/${run.pendingEscalations[0]}`, { decision: 'approve' });
      } else if (isTerminalRunStatus(run.status)) {
        if (run.status !== 'completed') throw new Error(`the baseline run of "${point.name}" ended ${run.status}`);
        this.baselines.set(key, run.result);
        return run.result;
      }
      await sleep(50);
    }
  }

  /** Starts watching for the kill point; the returned function resolves once the run reached it. */
  private armKillPoint(point: KillPoint): (runId: string) => Promise<void> {
    if (point.when === 'waiting') {
      // Waiting in the attempt now going on: a `run.waiting` after its `run.started`.
      return async (runId) => {
        await this.until(async () => {
          const events = await this.events(runId);
          const lastStart = events.findLastIndex((e) => e.type === 'run.started');
          return lastStart >= 0 && events.slice(lastStart).some((e) => e.type === 'run.waiting');
        }, `run ${runId} to wait for a person`);
      };
    }
    const { match, nth } = point.when;
    const graph = point.graph;
    const held = this.fake.holdNth((request) => match(describeRequest(graph, request.body)), nth);
    return async () => {
      await withTimeout(held, 30_000, `the kill point "${point.name}"`);
    };
  }

  /** After a restart, a waiting run must still wait on the same escalation; the last restart approves it. */
  private async decideAfterRestart(runId: string, point: KillPoint, kill: number): Promise<void> {
    const events = await this.events(runId);
    const requested = events.filter((e) => e.type === 'escalation.requested');
    if (requested.length !== 1) throw new Error(`expected one escalation.requested, found ${requested.length}`);
    await this.until(async () => (await this.getRun(runId)).status === 'waiting', `run ${runId} to wait again`);
    const run = await this.getRun(runId);
    const id = requested[0]!.type === 'escalation.requested' ? requested[0]!.escalationId : '';
    if (JSON.stringify(run.pendingEscalations) !== JSON.stringify([id])) {
      throw new Error(`after the restart the run waits on ${JSON.stringify(run.pendingEscalations)}, not ${id}`);
    }
    if (kill + 1 < (point.kills ?? 1)) return;
    const decided = await post(`${this.url}/api/runs/${runId}/escalations/${id}`, { decision: 'approve' });
    if (decided.status !== 200) throw new Error(`the decision after the restart got ${decided.status}`);
  }

  /** An SSE client on the run from the start, reconnecting with Last-Event-ID to whichever server is up. */
  private async watch(runId: string): Promise<number[]> {
    const seqs: number[] = [];
    for (let tries = 0; tries < 200; tries++) {
      try {
        const headers: Record<string, string> = seqs.length > 0 ? { 'last-event-id': String(seqs.at(-1)) } : {};
        const response = await fetch(`${this.url}/api/runs/${runId}/events`, { headers });
        for await (const message of readSse(response)) {
          if (message.event === 'end') return seqs;
          seqs.push(Number(message.id));
        }
      } catch {
        // The server died under the stream: reconnect, as EventSource does, after a moment.
      }
      await sleep(100);
    }
    return seqs;
  }

  /** When the first attempt that the restarted process began was stored (a crash may have lost attempt 1's start). */
  private async attemptStartedAfter(runId: string, spawnedAt: number): Promise<number> {
    let at = 0;
    await this.until(async () => {
      const started = (await this.events(runId)).find((e) => e.type === 'run.started' && e.at >= spawnedAt);
      at = started?.at ?? 0;
      return started !== undefined;
    }, `a new attempt of run ${runId}`);
    return at;
  }

  private async approveAll(runId: string, person: { stop: boolean }): Promise<void> {
    while (!person.stop) {
      try {
        const run = await this.getRun(runId);
        const first = run.status === 'waiting' ? run.pendingEscalations[0] : undefined;
        if (first) await post(`${this.url}/api/runs/${runId}/escalations/${first}`, { decision: 'approve' });
      } catch {
        // The server is down between a kill and its restart.
      }
      await sleep(50);
    }
  }

  private async startRun(graphId: string, goal: string): Promise<string> {
    const response = await post(`${this.url}/api/graphs/${graphId}/runs`, { goal });
    if (response.status !== 202) throw new Error(`start failed: ${await response.text()}`);
    return ((await response.json()) as StartRunResponse).runId;
  }

  private async getRun(runId: string): Promise<RunRecord> {
    return (await (await fetch(`${this.url}/api/runs/${runId}`)).json()) as RunRecord;
  }

  private async events(runId: string): Promise<RunEvent[]> {
    return ((await (await fetch(`${this.url}/api/runs/${runId}/trace`)).json()) as { events: RunEvent[] }).events;
  }

  private async finished(runId: string): Promise<RunRecord> {
    let run!: RunRecord;
    await this.until(async () => {
      run = await this.getRun(runId);
      return isTerminalRunStatus(run.status);
    }, `run ${runId} to end`);
    return run;
  }

  private async until(ready: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await ready())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${this.server.output().slice(-2000)}`);
      await sleep(25);
    }
  }
}

/**
 * The simulated planner gives each worker one subtask; for a real fan-out the plan has three research subtasks that
 * run side by side and a writing subtask that depends on them. Every other request gets the default reply.
 */
function wideFanOut(request: RecordedRequest): FakeReply | undefined {
  const purpose = requestPurpose(request.body);
  if (purpose.kind !== 'decompose') return undefined;
  const names = purpose.workers.map((w) => w.name);
  const researcher = names.find((n) => n.includes('research')) ?? names[0]!;
  const writer = names.find((n) => n.includes('writ')) ?? names.at(-1)!;
  const subtasks = ['history', 'ecology', 'threats'].map((part, i) => ({
    id: `r${i + 1}`,
    description: `Research the ${part} of the topic.`,
    assigned_to: researcher,
    depends_on: [],
  }));
  return {
    json: {
      subtasks: [
        ...subtasks,
        { id: 'w1', description: 'Write the piece.', assigned_to: writer, depends_on: subtasks.map((t) => t.id) },
      ],
    },
  };
}

/** Content keys of the model calls whose completion is in the log before the attempt begun at `resumedAt`. */
function completedCalls(events: readonly RunEvent[], resumedAt: number): Set<string> {
  const keyOfAction = new Map<string, string>();
  const completed = new Set<string>();
  for (const event of events) {
    if (event.type === 'run.started' && event.at >= resumedAt) break;
    if (event.type === 'action.started' && event.actionType === 'llm_call' && event.messages && event.model) {
      keyOfAction.set(event.actionId, requestContentKey({ model: event.model, messages: event.messages }));
    }
    if (event.type === 'action.completed') {
      const key = keyOfAction.get(event.actionId);
      if (key !== undefined) completed.add(key);
    }
  }
  return completed;
}

function describeSeqs(seqs: number[]): string {
  const doubles = seqs.filter((s, i) => seqs.indexOf(s) !== i);
  return doubles.length > 0 ? `doubles: ${doubles.slice(0, 5).join(', ')}` : `last ${seqs.at(-1)}`;
}

function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
