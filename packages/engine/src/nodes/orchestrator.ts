// Decomposes its task into subtasks over its workers, runs them as a DAG (parallel up to its concurrency), synthesises.
import { canonicalText, type HandoffEdge, type JsonValue, type SpecialistNode } from '@baton/contracts';
import { NodeExecutionError } from '../errors';
import type { Action, Check, Producer, RunContext } from '../run/context';
import { handOff } from '../run/handoff';
import {
  goalLine,
  logicalInputs,
  nameList,
  PLAN_FORMAT_NAME,
  SUBTASK_RESULTS_HEADING,
  taskMessage,
  WORKERS_HEADING,
  withInstructions,
} from '../run/prompts';
import { Semaphore } from '../run/semaphore';
import { outputSchemaOf } from '../run/topology';
import { authored, type EngineText, joinPrompt, type PromptText, prompt } from '../trust/wrap';
import { produce } from './agent-call';
import { orderPlan, PLAN_SCHEMA, Plan, type PlannedSubtask } from './orchestrator-plan';
import { specialistProducer } from './specialist';
import type { NodeExecutor } from './types';

interface SubtaskResult {
  /** The worker's name, or the name the plan gave when the graph has no such worker (then never a label). */
  worker: string;
  /** How prompts name the subtask: the worker's name from the graph and the subtask's place in the plan (1, 2...), never the id or worker name a model chose. */
  label: EngineText;
  payload: JsonValue;
  ok: boolean;
}

export const runOrchestrator: NodeExecutor<'orchestrator'> = async ({ ctx, node, action, inputs }) => {
  const workers = ctx.topology.workersOf.get(node.id) ?? [];
  const byName = new Map(workers.map((w) => [w.data.name, w]));
  const workerList = nameList(workers.map((w) => w.data));
  const system = withInstructions(
    prompt`You are an orchestrator. Break the goal into subtasks for your workers.`,
    node.data.instructions,
  );

  // 1. Decompose.
  const decompose = await ctx.start({
    parent: action,
    agentId: node.id,
    agentName: node.data.name,
    actionType: 'decompose',
    logical: { workers: workerList.text, inputs: logicalInputs(inputs) },
    summary: `Planning over ${workers.length} worker${workers.length === 1 ? '' : 's'}`,
  });
  let plan: Plan;
  try {
    plan = await ctx.structuredCall(
      decompose,
      {
        agentId: node.id,
        agentName: node.data.name,
        stepKey: `${node.id}/decompose`,
        tier: node.data.tier,
        messages: [
          { role: 'system', content: system },
          {
            role: 'user',
            content: taskMessage(
              ctx,
              inputs,
              prompt`${WORKERS_HEADING}\n${workerList}\n\nReply with JSON: {"subtasks": [{"id": "t1", "description": "...", "assigned_to": "<worker name>", "depends_on": []}]}. Use depends_on for subtasks that need another's result.`,
            ),
          },
        ],
        responseFormat: { type: 'json_schema', name: PLAN_FORMAT_NAME, schema: PLAN_SCHEMA },
        logical: { system: system.text, goal: ctx.goal, inputs: logicalInputs(inputs), workers: workerList.text },
      },
      (value): Check<Plan> => {
        const parsed = Plan.safeParse(value);
        if (parsed.success) return { ok: true, value: parsed.data };
        return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'plan'}: ${i.message}`) };
      },
    );
    await ctx.complete(decompose, plan as unknown as JsonValue);
  } catch (error) {
    await ctx.fail(decompose, error);
    throw error instanceof NodeExecutionError
      ? new NodeExecutionError('invalid_plan', `Orchestrator "${node.data.name}" could not plan: ${error.message}`)
      : error;
  }

  // 2. Order the plan: handoffs between workers add dependencies; unknown deps and cycles become error results.
  const workerEdges = ctx.topology.workerEdgesOf.get(node.id) ?? [];
  const subtasksOf = (worker: string) => plan.subtasks.filter((s) => s.assigned_to === worker).map((s) => s.id);
  const planned = orderPlan(plan.subtasks, (subtask) => {
    const worker = byName.get(subtask.assigned_to);
    if (!worker) return [];
    return workerEdges
      .filter((edge) => edge.target === worker.id)
      .flatMap((edge) => subtasksOf(nameOfWorker(ctx, edge.source)));
  });

  // 3. Run the DAG.
  const results = await runSubtasks(ctx, node.id, node.data.concurrency, action, planned, byName, workerEdges);

  // 4. Synthesise. The results are hashed into two inputs (synthesis and its call): canonicalise them once.
  const resultsInput = canonicalText(
    [...results.entries()].map(([id, { worker, payload, ok }]) => [id, { worker, payload, ok }]),
  );
  const synthesis = await ctx.start({
    parent: action,
    agentId: node.id,
    agentName: node.data.name,
    actionType: 'synthesis',
    logical: { results: resultsInput },
    summary: `Synthesising ${results.size} subtask result${results.size === 1 ? '' : 's'}`,
  });
  try {
    const synthesisSystem = withInstructions(
      prompt`You are ${authored(node.data.name)}. Synthesise your workers' results into the final response to the goal.`,
      node.data.synthesisInstructions,
    );
    const resultText = [...results.values()].map((r) =>
      ctx.wrap(r.ok ? r.label : prompt`${r.label} [error]`, r.payload),
    );
    const producer: Producer = {
      agentId: node.id,
      agentName: node.data.name,
      tier: node.data.tier,
      messages: [
        { role: 'system', content: synthesisSystem },
        { role: 'user', content: joinPrompt([goalLine(ctx), SUBTASK_RESULTS_HEADING, ...resultText], '\n\n') },
      ],
      ...outputSchemaOf(node, ctx.topology),
      stepKey: `${node.id}/synthesis`,
      logical: { system: synthesisSystem.text, goal: ctx.goal, results: resultsInput },
    };
    ctx.producers.set(node.id, producer);
    const output = await produce(ctx, synthesis, producer);
    await ctx.complete(synthesis, output);
    return { output };
  } catch (error) {
    await ctx.fail(synthesis, error);
    throw error;
  }
};

async function runSubtasks(
  ctx: RunContext,
  orchestratorId: string,
  concurrency: number,
  parent: Action,
  planned: PlannedSubtask[],
  workers: Map<string, SpecialistNode>,
  workerEdges: HandoffEdge[],
): Promise<Map<string, SubtaskResult>> {
  const results = new Map<string, SubtaskResult>();
  const slots = new Semaphore(concurrency);
  const done = new Map<string, Promise<void>>();
  const byId = new Map(planned.map((s) => [s.id, s]));
  const positions = new Map(planned.map((s, i) => [s, i + 1]));
  /** A worker's result checked against one edge's contract, once per (edge, subtask). */
  const checked = new Map<string, Promise<JsonValue>>();

  const runOne = async (subtask: PlannedSubtask): Promise<void> => {
    if (!subtask.problem && subtask.deps.length > 0) await Promise.all(subtask.deps.map((dep) => done.get(dep)));
    ctx.throwIfAborted();
    const slot = slots.acquire();
    if (slot) await slot;
    try {
      await executeSubtask(subtask);
    } finally {
      slots.release();
    }
  };

  const executeSubtask = async (subtask: PlannedSubtask): Promise<void> => {
    const position = positions.get(subtask)!;
    const worker = workers.get(subtask.assigned_to);
    const dispatch = await ctx.start({
      parent,
      agentId: worker?.id ?? orchestratorId,
      agentName: worker?.data.name ?? subtask.assigned_to,
      actionType: 'dispatch',
      logical: { subtask: subtask.id, description: subtask.description, worker: subtask.assigned_to },
      summary: `${subtask.id} \u2192 ${subtask.assigned_to}`,
    });
    const problem =
      subtask.problem ??
      (worker ? null : { code: 'unknown_worker', message: `There is no worker named "${subtask.assigned_to}".` });
    if (problem || !worker) {
      const label = prompt`subtask ${position}`;
      results.set(subtask.id, { worker: subtask.assigned_to, label, payload: `Error: ${problem!.message}`, ok: false });
      await ctx.fail(dispatch, new NodeExecutionError(problem!.code, problem!.message));
      return;
    }
    try {
      const context: PromptText[] = [];
      const logicalDeps: unknown[] = [];
      for (const depId of subtask.deps) {
        const dep = results.get(depId)!;
        const depWorker = workers.get(byId.get(depId)!.assigned_to);
        const edge = workerEdges.find((e) => e.source === depWorker?.id && e.target === worker.id);
        let payload = dep.payload;
        if (edge && dep.ok) {
          const key = `${edge.id}|${depId}`;
          let pending = checked.get(key);
          if (!pending) {
            pending = handOff(
              ctx,
              dispatch,
              edge,
              payload,
              ctx.producers.get(`${orchestratorId}/${depId}`),
              `${orchestratorId}/subtask:${depId}`,
            );
            checked.set(key, pending);
          }
          payload = await pending;
        }
        context.push(ctx.wrap(dep.label, payload));
        logicalDeps.push({ id: depId, payload });
      }
      const task = joinPrompt(
        [
          goalLine(ctx),
          ctx.wrap(prompt`assignment from the orchestrator`, subtask.description),
          ...(context.length > 0 ? [prompt`Results this subtask depends on:`, ...context] : []),
        ],
        '\n\n',
      );
      const producer = specialistProducer(ctx, worker, task, `${orchestratorId}/subtask:${subtask.id}`, {
        subtask: subtask.description,
        deps: logicalDeps,
      });
      ctx.producers.set(`${orchestratorId}/${subtask.id}`, producer);
      const payload = await produce(ctx, dispatch, producer);
      const label = prompt`${authored(worker.data.name)} (subtask ${position})`;
      results.set(subtask.id, { worker: worker.data.name, label, payload, ok: true });
      await ctx.complete(dispatch, payload);
    } catch (error) {
      await ctx.fail(dispatch, error);
      throw error;
    }
  };

  // Every subtask waits on its dependencies' promises, so the DAG runs without polling; the slots bound parallelism.
  for (const subtask of planned) done.set(subtask.id, Promise.resolve());
  const ordered = topologicalOrder(planned);
  for (const subtask of ordered) done.set(subtask.id, runOne(subtask));
  await Promise.all(done.values());
  // Results in plan order, for a stable synthesis prompt.
  const inOrder = new Map<string, SubtaskResult>();
  for (const subtask of planned) {
    const result = results.get(subtask.id);
    if (result && !inOrder.has(subtask.id)) inOrder.set(subtask.id, result);
  }
  return inOrder;
}

/** Runnable subtasks after their dependencies, then the ones with problems (which never wait). */
function topologicalOrder(planned: PlannedSubtask[]): PlannedSubtask[] {
  const byId = new Map(planned.map((s) => [s.id, s]));
  const seen = new Set<PlannedSubtask>();
  const out: PlannedSubtask[] = [];
  const visit = (subtask: PlannedSubtask) => {
    if (seen.has(subtask)) return;
    seen.add(subtask);
    if (!subtask.problem) for (const dep of subtask.deps) visit(byId.get(dep)!);
    out.push(subtask);
  };
  for (const subtask of planned) visit(subtask);
  return out;
}

function nameOfWorker(ctx: RunContext, id: string): string {
  return ctx.topology.nodes.get(id)?.data.name ?? id;
}
