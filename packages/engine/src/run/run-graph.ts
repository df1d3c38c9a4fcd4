// runGraph: schedules a parsed graph's nodes (joins, skips, failures), streams sealed events, ends the run once.
import { randomBytes, randomUUID } from 'node:crypto';
import { type GraphEdge, type GraphNode, type JsonValue, resolveBudget } from '@baton/contracts';
import { BudgetExceededError, ModelProviderError, RunCancelledError, toErrorInfo } from '../errors';
import { MODEL_PORT_VERSION } from '../model/provider';
import { executeNode } from '../nodes/registry';
import type { RunGraphOptions, RunHandle, RunOutcome } from '../run-options';
import { createBuiltinToolSource } from '../tools/builtin';
import { resolveTools } from '../tools/resolve';
import { BudgetMeter } from './budget';
import { RunContext } from './context';
import { EventChannel } from './event-channel';
import { handOff } from './handoff';
import { graphParallelism } from './parallelism';
import { logicalInputs, type NodeInput } from './prompts';
import { ReplayIndex } from './replay';
import { buildTopology, nameOf } from './topology';

export function runGraph(options: RunGraphOptions): RunHandle {
  // A provider written for another version of the model port would misread requests (tools) or replies.
  if (options.provider.version !== MODEL_PORT_VERSION) {
    throw new ModelProviderError(
      'bad_request',
      `The model provider implements model port version ${String(options.provider.version)}; this engine speaks version ${MODEL_PORT_VERSION}.`,
    );
  }
  // The defaults of the injected sources: the only clock and randomness the engine touches.
  const clock = options.clock ?? Date.now;
  const ids = options.ids ?? randomUUID;
  const nonce = options.nonce ?? randomBytes(8).toString('hex');
  const replay = new ReplayIndex(options.replay);
  const channel = new EventChannel(
    options.runId,
    clock,
    { seq: replay.lastSeq, chain: replay.lastChain },
    options.scrubber ?? null,
  );
  let finished: RunOutcome | undefined;
  let drained = false;
  let settle: (outcome: RunOutcome) => void = () => {};
  const outcome = new Promise<RunOutcome>((resolve) => {
    settle = resolve;
  });
  const ctx = new RunContext(
    options,
    buildTopology(options.graph),
    channel,
    new BudgetMeter(resolveBudget(options.graph.budget, options.budget), clock, replay.spent),
    replay,
    clock,
    ids,
    nonce,
    // No cap given: the graph's own parallelism, so the option's absence never overrides the graph.
    options.concurrency ?? graphParallelism(options.graph),
  );
  channel.onDrained = (detached) => {
    drained = true;
    if (detached) ctx.abort(new RunCancelledError('The consumer of the run\u2019s events stopped listening.'));
    if (finished) settle(finished);
  };
  void execute(ctx)
    .catch(
      (error): RunOutcome => ({
        status: 'failed',
        error: toErrorInfo(error),
        usage: ctx.meter.usage,
        modelCalls: ctx.meter.modelCalls,
      }),
    )
    .then((result) => {
      finished = result;
      channel.close();
      if (drained) settle(result);
    });
  return { events: channel, outcome };
}

async function execute(ctx: RunContext): Promise<RunOutcome> {
  const { options, topology, meter } = ctx;
  const external = options.signal;
  const onExternalAbort = () => ctx.abort(new RunCancelledError(reasonText(external?.reason)));
  if (external?.aborted) onExternalAbort();
  else external?.addEventListener('abort', onExternalAbort, { once: true });
  const watchdog = setInterval(() => {
    try {
      meter.checkWall();
    } catch (error) {
      ctx.abort(error);
    }
  }, 250);
  watchdog.unref?.();

  await ctx.emit({
    type: 'run.started',
    graphId: options.graph.id,
    graphVersion: options.graphVersion,
    goal: options.goal,
    ...(options.input !== undefined ? { input: options.input } : {}),
    provider: options.provider.info,
    budget: meter.budget,
    attempt: ctx.replay.runAttempt + 1,
  });

  try {
    await resolveTools(options.graph, options.tools ?? [createBuiltinToolSource()], ctx.tools);
  } catch (error) {
    clearInterval(watchdog);
    external?.removeEventListener('abort', onExternalAbort);
    const info = toErrorInfo(error);
    await ctx.emit({ type: 'run.failed', error: info, usage: meter.usage, modelCalls: 0, activeMs: meter.activeMs() });
    return { status: 'failed', error: info, usage: meter.usage, modelCalls: 0 };
  }

  const outputs = new Map<string, JsonValue | null>();
  const pending = new Map<string, { remaining: number; inputs: NodeInput[] }>();
  for (const node of topology.scheduled)
    pending.set(node.id, { remaining: topology.incoming.get(node.id)!.length, inputs: [] });
  const running = new Set<Promise<void>>();
  let settled = 0;
  let failure: unknown = null;
  let wake: () => void = () => {};
  const allSettled = new Promise<void>((resolve) => {
    wake = resolve;
  });
  if (ctx.signal.aborted) wake();
  else ctx.signal.addEventListener('abort', () => wake(), { once: true });

  const settleEdge = (edge: GraphEdge, delivered: NodeInput[] | null) => {
    const state = pending.get(edge.target)!;
    if (delivered) state.inputs.push(...delivered);
    state.remaining -= 1;
    if (state.remaining === 0) activate(topology.nodes.get(edge.target)!);
  };

  const nodeSettled = () => {
    settled += 1;
    if (settled === topology.scheduled.length) wake();
  };

  const skip = async (node: GraphNode) => {
    await ctx.emit({
      type: 'action.skipped',
      actionId: ctx.ids(),
      parentActionId: null,
      stepKey: null,
      agentId: node.id,
      agentName: nameOf(node),
      actionType: 'node',
      reason: 'Every branch into this node was skipped (a route not taken upstream).',
    });
    if (node.kind === 'output') outputs.set(node.data.name, null);
    nodeSettled();
    for (const edge of topology.outgoing.get(node.id)!) settleEdge(edge, null);
  };

  const runNode = async (node: GraphNode) => {
    const inputs = pending.get(node.id)!.inputs;
    const action = await ctx.start({
      parent: null,
      agentId: node.id,
      agentName: nameOf(node),
      actionType: 'node',
      logical: { kind: node.kind, data: node.data, inputs: logicalInputs(inputs) },
    });
    const deliveries: [GraphEdge, NodeInput[] | null][] = [];
    try {
      ctx.throwIfAborted();
      const result = await executeNode(ctx, node, action, inputs);
      for (const edge of topology.outgoing.get(node.id)!) {
        if (edge.source !== node.id) {
          deliveries.push([edge, null]);
        } else if (edge.kind === 'route') {
          deliveries.push([edge, edge.id === result.routeEdgeId ? (result.forward ?? []) : null]);
        } else if (edge.kind === 'handoff') {
          const payload = await handOff(ctx, action, edge, result.output, ctx.producers.get(node.id));
          const isGoal = node.kind === 'input' && ctx.input === undefined;
          deliveries.push([edge, [{ sourceId: node.id, source: nameOf(node), payload, isGoal }]]);
        } else {
          deliveries.push([edge, [{ sourceId: node.id, source: nameOf(node), payload: result.output, isGoal: false }]]);
        }
      }
      ctx.throwIfAborted();
      await ctx.complete(action, result.output);
      if (node.kind === 'output') outputs.set(node.data.name, result.output);
    } catch (error) {
      await ctx.fail(action, ctx.signal.aborted ? ctx.signal.reason : error);
      throw error;
    }
    nodeSettled();
    for (const [edge, delivered] of deliveries) settleEdge(edge, delivered);
  };

  const activate = (node: GraphNode) => {
    if (ctx.signal.aborted) return;
    const state = pending.get(node.id)!;
    const hasIncoming = topology.incoming.get(node.id)!.length > 0;
    const task = hasIncoming && state.inputs.length === 0 ? skip(node) : runNode(node);
    const tracked = task.catch((error) => {
      failure ??= error;
      ctx.abort(error);
    });
    running.add(tracked);
    void tracked.finally(() => running.delete(tracked));
  };

  for (const node of topology.scheduled) if (topology.incoming.get(node.id)!.length === 0) activate(node);
  if (topology.scheduled.length === 0) wake();
  await allSettled;
  while (running.size > 0) await Promise.allSettled([...running]);
  clearInterval(watchdog);
  external?.removeEventListener('abort', onExternalAbort);

  const totals = {
    usage: meter.usage,
    modelCalls: meter.modelCalls,
    ...(meter.toolCalls > 0 ? { toolCalls: meter.toolCalls } : {}),
    activeMs: meter.activeMs(),
  };
  const stop = ctx.signal.aborted ? ctx.signal.reason : failure;
  if (stop instanceof RunCancelledError) {
    await ctx.emit({ type: 'run.cancelled', reason: stop.message, ...totals });
    return { status: 'cancelled', reason: stop.message, usage: totals.usage, modelCalls: totals.modelCalls };
  }
  if (stop) {
    if (stop instanceof BudgetExceededError) {
      await ctx.emit({ type: 'budget.exceeded', limit: stop.limit, limitValue: stop.limitValue, spent: stop.spent });
    }
    const error = toErrorInfo(stop);
    await ctx.emit({ type: 'run.failed', error, ...totals });
    return { status: 'failed', error, usage: totals.usage, modelCalls: totals.modelCalls };
  }
  const result = resultOf(outputs);
  await ctx.emit({ type: 'run.completed', result, ...totals });
  return { status: 'completed', result, usage: totals.usage, modelCalls: totals.modelCalls };
}

/** The single output's payload, or the payloads keyed by output names. */
function resultOf(outputs: Map<string, JsonValue | null>): JsonValue {
  if (outputs.size === 1) return [...outputs.values()][0] ?? null;
  return Object.fromEntries(outputs);
}

function reasonText(reason: unknown): string {
  if (reason instanceof Error && reason.name !== 'AbortError') return reason.message;
  if (typeof reason === 'string' && reason) return reason;
  return 'The run was cancelled.';
}
