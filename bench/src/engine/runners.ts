// One runner per implementation of the shapes: bare promises, LangGraph.js (with and without SQLite), and ours.
import { join } from 'node:path';
import { runBare } from './bare';
import type { ScriptedModel } from './scripted-model';
import type { Shape } from './shapes';

export const IMPLEMENTATIONS = ['bare', 'langgraph', 'langgraph-sqlite', 'baton', 'baton-sqlite'] as const;
export type Implementation = (typeof IMPLEMENTATIONS)[number];

export interface RunReport {
  /** Events the implementation produced in the run (ours), or 0. */
  events: number;
}

export type Runner = (goal: string, runIndex: number) => Promise<RunReport>;

/** Builds what can be built once (a compiled LangGraph, a database); the returned runner does one run. */
export async function createRunner(impl: Implementation, shape: Shape, model: ScriptedModel, dir: string) {
  switch (impl) {
    case 'bare':
      return (async (goal) => {
        await runBare(shape, model, goal);
        return { events: 0 };
      }) satisfies Runner;
    case 'langgraph':
    case 'langgraph-sqlite': {
      // Loaded lazily (as ours is) so that each case's peak memory holds only the framework it measures.
      const { compileLangGraph } = await import('./langgraph');
      const { SqliteSaver } = await import('@langchain/langgraph-checkpoint-sqlite');
      const saver = impl === 'langgraph-sqlite' ? SqliteSaver.fromConnString(join(dir, 'langgraph.db')) : undefined;
      const invoke = compileLangGraph(shape, model, saver);
      return (async (goal) => {
        await invoke(goal);
        return { events: 0 };
      }) satisfies Runner;
    }
    case 'baton':
    case 'baton-sqlite': {
      const { createBatonRunner } = await import('./baton-runner');
      return createBatonRunner(shape, model, impl === 'baton-sqlite' ? dir : null);
    }
  }
}
