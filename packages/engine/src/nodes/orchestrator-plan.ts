// An orchestrator's plan: the subtasks a model proposes, parsed with zod, and their order as a DAG.
import type { JsonSchemaObject } from '@baton/contracts';
import { z } from 'zod';

export const Subtask = z.object({
  id: z.string().min(1),
  description: z.string(),
  assigned_to: z.string(),
  depends_on: z.array(z.string()).default([]),
});
export type Subtask = z.infer<typeof Subtask>;

export const Plan = z.object({ subtasks: z.array(Subtask).min(1, 'The plan needs at least one subtask.') });
export type Plan = z.infer<typeof Plan>;

/** The JSON Schema the decomposition call asks for; inside OpenAI's strict subset. */
export const PLAN_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: {
    subtasks: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          description: { type: 'string' },
          assigned_to: { type: 'string' },
          depends_on: { type: 'array', items: { type: 'string' } },
        },
        required: ['id', 'description', 'assigned_to', 'depends_on'],
        additionalProperties: false,
      },
    },
  },
  required: ['subtasks'],
  additionalProperties: false,
};

export interface PlannedSubtask extends Subtask {
  /** Dependencies after the engine added those its workers' handoff edges require. */
  deps: string[];
  /** Why the subtask cannot run (unknown dependency, cycle, duplicate id); it then gets an error result. */
  problem: { code: string; message: string } | null;
}

/**
 * Orders the plan: adds the dependencies that handoffs between workers require (`extra`), then marks every subtask
 * that depends on an unknown subtask, sits on a `depends_on` cycle or waits for one, instead of hanging.
 */
export function orderPlan(subtasks: Subtask[], extra: (subtask: Subtask) => string[]): PlannedSubtask[] {
  const byId = new Map<string, PlannedSubtask>();
  const planned: PlannedSubtask[] = [];
  for (const subtask of subtasks) {
    const item: PlannedSubtask = {
      id: subtask.id,
      description: subtask.description,
      assigned_to: subtask.assigned_to,
      depends_on: subtask.depends_on,
      deps: [],
      problem: null,
    };
    if (byId.has(subtask.id)) {
      item.problem = { code: 'duplicate_subtask', message: `Another subtask already has the id "${subtask.id}".` };
    } else byId.set(subtask.id, item);
    planned.push(item);
  }
  for (const item of planned) {
    const deps = new Set([...item.depends_on, ...extra(item)]);
    deps.delete(item.id);
    item.deps = [...deps];
    const unknown = item.deps.filter((dep) => !byId.has(dep));
    if (unknown.length > 0 && !item.problem) {
      item.problem = {
        code: 'unknown_dependency',
        message: `Subtask "${item.id}" depends on ${unknown.map((d) => `"${d}"`).join(', ')}, which the plan does not have.`,
      };
    }
  }
  // Kahn's algorithm: whatever cannot be ordered is on a cycle or waits for one.
  const remaining = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const item of byId.values()) {
    const known = item.deps.filter((dep) => byId.has(dep));
    remaining.set(item.id, known.length);
    for (const dep of known) dependents.set(dep, [...(dependents.get(dep) ?? []), item.id]);
  }
  const queue = [...byId.values()].filter((item) => remaining.get(item.id) === 0).map((item) => item.id);
  for (let i = 0; i < queue.length; i++) {
    for (const next of dependents.get(queue[i]!) ?? []) {
      const left = remaining.get(next)! - 1;
      remaining.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  const ordered = new Set(queue);
  for (const item of byId.values()) {
    if (!ordered.has(item.id) && !item.problem) {
      item.problem = {
        code: 'dependency_cycle',
        message: `Subtask "${item.id}" is on a cycle of depends_on (or waits for one), so it can never start.`,
      };
    }
  }
  return planned;
}
