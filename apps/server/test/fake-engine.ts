// A tiny runGraph-shaped engine for route and run-service tests: a few sealed events, an optional escalation.
import { createHash } from 'node:crypto';
import {
  canonicalJson,
  compileJsonSchema,
  type GraphDocument,
  type HandoffContract,
  type JsonValue,
  RUN_EVENT_VERSION,
  type RunEvent,
  type RunEventBody,
  validateJson,
} from '@baton/contracts';
import { priorSpend, scrubValue } from '@baton/engine';
import type { EnginePort, RunGraphOptions, RunHandle, Scrubber } from '../src/runs/engine-port';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

export function fakeSeal(
  body: RunEventBody,
  meta: { runId: string; seq: number; at: number; previousChain: string | null },
  scrubber?: Scrubber | null,
): RunEvent {
  // Scrubbed before the digest, as the real engine does.
  const clean = scrubber ? scrubValue(body, scrubber) : body;
  const unsealed = { ...clean, v: RUN_EVENT_VERSION, runId: meta.runId, seq: meta.seq, at: meta.at };
  const digest = sha(canonicalJson(unsealed));
  return { ...unsealed, digest, chain: sha(`${meta.previousChain ?? ''}:${digest}`) } as RunEvent;
}

export interface FakeEngineOptions {
  /** Pause between events, so that tests can cancel or watch mid-run. */
  stepMs?: number;
  /** How many delta events the one "agent" streams. */
  deltas?: number;
  /** When set, the run stops at an escalation with this payload and contract. */
  escalate?: { payload: JsonValue; contract: HandoffContract };
  /** Text that goes into a delta, e.g. to test secret scrubbing. */
  deltaText?: string;
  /** Throw instead of finishing, after the first event. */
  crash?: boolean;
}

const ZERO = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };

export function createFakeEngine(options: FakeEngineOptions = {}): EnginePort & { started: RunGraphOptions[] } {
  const started: RunGraphOptions[] = [];
  const runGraph = (run: RunGraphOptions): RunHandle => {
    started.push(run);
    let seq = 0;
    let chain: string | null = null;
    const seal = (body: RunEventBody) => {
      const event = fakeSeal(
        body,
        { runId: run.runId, seq: ++seq, at: 1000 + seq, previousChain: chain },
        run.scrubber,
      );
      chain = event.chain;
      return event;
    };
    let settle!: (outcome: Awaited<RunHandle['outcome']>) => void;
    const outcome = new Promise<Awaited<RunHandle['outcome']>>((resolve) => {
      settle = resolve;
    });
    const pause = () => new Promise((r) => setTimeout(r, options.stepMs ?? 0));
    const signal = run.signal ?? new AbortController().signal;
    const action = { actionId: 'a1', parentActionId: null, stepKey: 'agent' };

    async function* events(): AsyncGenerator<RunEvent> {
      yield seal({
        type: 'run.started',
        graphId: run.graph.id,
        graphVersion: run.graphVersion,
        goal: run.goal,
        provider: run.provider.info,
        budget: { maxModelCalls: 10, maxTokens: 1000, maxWallSeconds: 60 },
        attempt: 1,
      });
      if (options.crash) throw new Error('engine exploded');
      yield seal({
        type: 'action.started',
        ...action,
        agentId: agentOf(run.graph),
        agentName: 'agent',
        actionType: 'node',
        inputHash: sha(run.goal),
        attempt: 1,
      });
      for (let i = 0; i < (options.deltas ?? 3); i++) {
        await pause();
        if (signal.aborted) {
          yield seal({ type: 'run.cancelled', reason: 'Cancelled.', usage: ZERO, modelCalls: 0, activeMs: 0 });
          settle({ status: 'cancelled', reason: 'Cancelled.', usage: ZERO, modelCalls: 0 });
          return;
        }
        yield seal({ type: 'action.delta', ...action, text: options.deltaText ?? `token${i} ` });
      }
      let result: JsonValue = `done: ${run.goal}`;
      if (options.escalate) {
        const escalationId = 'esc_1';
        yield seal({
          type: 'escalation.requested',
          ...action,
          escalationId,
          edgeId: 'e1',
          sourceId: 'a',
          targetId: 'b',
          contract: options.escalate.contract,
          payload: options.escalate.payload,
          confidence: 0.2,
          reason: 'low confidence',
        });
        yield seal({ type: 'run.waiting', escalationIds: [escalationId] });
        let decision: Awaited<ReturnType<RunGraphOptions['escalations']>>;
        try {
          decision = await run.escalations(
            {
              escalationId,
              runId: run.runId,
              edgeId: 'e1',
              contract: options.escalate.contract,
              payload: options.escalate.payload,
              confidence: 0.2,
              reason: 'low confidence',
            },
            signal,
          );
        } catch {
          yield seal({ type: 'run.cancelled', reason: 'Cancelled.', usage: ZERO, modelCalls: 0, activeMs: 0 });
          settle({ status: 'cancelled', reason: 'Cancelled.', usage: ZERO, modelCalls: 0 });
          return;
        }
        const payload = decision.decision === 'edit' ? decision.payload : options.escalate.payload;
        yield seal({
          type: 'escalation.resolved',
          ...action,
          escalationId,
          decision: decision.decision,
          ...(decision.decision === 'reject' ? {} : { payload }),
        });
        if (decision.decision === 'reject') {
          const error = { code: 'handoff_rejected_by_person', message: 'A person rejected the handoff.' };
          yield seal({ type: 'run.failed', error, usage: ZERO, modelCalls: 1, activeMs: 5 });
          settle({ status: 'failed', error, usage: ZERO, modelCalls: 1 });
          return;
        }
        result = payload ?? null;
      }
      const usage = { inputTokens: 3, outputTokens: 4, totalTokens: 7 };
      yield seal({ type: 'action.completed', ...action, output: result, usage, model: 'fake-model', durationMs: 5 });
      yield seal({ type: 'run.completed', result, usage, modelCalls: 1, activeMs: 5 });
      settle({ status: 'completed', result, usage, modelCalls: 1 });
    }
    const iterable = events();
    return {
      events: iterable,
      outcome: outcome,
    };
  };
  return {
    started,
    runGraph,
    sealEvent: fakeSeal,
    priorSpend,
    validateHandoffPayload(contract, payload) {
      const compiled = compileJsonSchema(contract.schema);
      if (!compiled.ok) return { ok: false, errors: [{ path: [], message: compiled.message }] };
      const issues = validateJson(compiled, payload);
      return issues.length === 0
        ? { ok: true }
        : { ok: false, errors: issues.map((i) => ({ path: i.path, message: i.message })) };
    },
  };
}

function agentOf(graph: GraphDocument): string {
  return graph.nodes.find((n) => n.kind !== 'input' && n.kind !== 'output')?.id ?? graph.nodes[0]?.id ?? 'none';
}
