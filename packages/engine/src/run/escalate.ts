// Human decisions: a payload put before a person through the escalation handler, or a decision replayed from the log.
import type { HandoffContract, JsonValue } from '@baton/contracts';
import { inputHash } from '../audit/canonical';
import type { EscalationResolution } from '../run-options';
import { type Action, DIVERGED, type RunContext, ref } from './context';

/**
 * Asks a person (through the handler) about a payload; a decision already in the replayed log is reused. An
 * escalation an earlier attempt asked and nobody answered keeps its id and is not requested again: the person sees
 * one question, and a decision sent for it after a restart is the one this attempt waits for.
 */
export async function escalate(
  ctx: RunContext,
  parent: Action,
  request: {
    agentId: string;
    agentName: string;
    stepKey: string;
    edgeId: string;
    sourceId: string;
    targetId: string;
    contract: HandoffContract;
    payload: JsonValue;
    confidence: number | null;
    reason: string;
  },
): Promise<EscalationResolution> {
  const logical = { edgeId: request.edgeId, payload: request.payload, contract: request.contract.name };
  const hash = inputHash(logical);
  const recorded = ctx.replay.decision(request.stepKey, hash);
  const open = recorded.kind === 'reuse' ? undefined : ctx.replay.openEscalation(request.stepKey, hash);
  const action = await ctx.start({
    parent,
    agentId: request.agentId,
    agentName: request.agentName,
    actionType: 'escalation',
    stepKey: request.stepKey,
    attempt: ctx.replay.nextAttempt(request.stepKey),
    logical,
    inputHash: hash,
    summary: recorded.kind === 'diverged' ? `${request.reason} ${DIVERGED}` : request.reason,
  });
  const escalationId = recorded.kind === 'reuse' ? recorded.value.escalationId : (open ?? ctx.ids());
  // Not decided in this run's earlier attempts: a decision of the recorded run a test case replays, if any.
  const fromCase = recorded.kind === 'reuse' ? undefined : ctx.options.recording?.decision(request.stepKey);
  let resolution: EscalationResolution;
  if (recorded.kind === 'reuse') {
    resolution = {
      decision: recorded.value.decision,
      ...(recorded.value.payload !== undefined ? { payload: recorded.value.payload } : {}),
      ...(recorded.value.note !== undefined ? { note: recorded.value.note } : {}),
    };
  } else if (fromCase) {
    resolution = {
      decision: fromCase.decision,
      ...(fromCase.payload !== undefined ? { payload: fromCase.payload } : {}),
      ...(fromCase.note !== undefined ? { note: fromCase.note } : {}),
    };
  } else {
    if (open === undefined) {
      await ctx.emit({
        type: 'escalation.requested',
        ...ref(action),
        escalationId,
        edgeId: request.edgeId,
        sourceId: request.sourceId,
        targetId: request.targetId,
        contract: request.contract,
        payload: request.payload,
        confidence: request.confidence,
        reason: request.reason,
        // What is asked, said by its kind: readers that also see tool-call escalations need not guess from edgeId.
        subject: {
          kind: 'handoff',
          edgeId: request.edgeId,
          sourceId: request.sourceId,
          targetId: request.targetId,
          contract: request.contract,
        },
      });
    }
    ctx.waiting.opened(escalationId);
    try {
      resolution = await raceAbort(
        ctx.options.escalations(
          {
            escalationId,
            runId: ctx.options.runId,
            edgeId: request.edgeId,
            contract: request.contract,
            payload: request.payload,
            confidence: request.confidence,
            reason: request.reason,
          },
          ctx.signal,
        ),
        ctx.signal,
      );
    } catch (error) {
      ctx.waiting.closed(escalationId);
      await ctx.fail(action, ctx.signal.aborted ? ctx.signal.reason : error);
      throw ctx.signal.aborted ? ctx.signal.reason : error;
    }
    ctx.waiting.closed(escalationId);
  }
  const payload = resolution.decision === 'approve' ? request.payload : resolution.payload;
  await ctx.emit({
    type: 'escalation.resolved',
    ...ref(action),
    escalationId,
    decision: resolution.decision,
    ...(payload !== undefined && resolution.decision !== 'reject' ? { payload } : {}),
    ...(resolution.note ? { note: resolution.note } : {}),
  });
  await ctx.complete(action, { decision: resolution.decision });
  return resolution;
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
