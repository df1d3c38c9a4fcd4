// The peer: the same shapes as LangGraph.js StateGraphs whose nodes call the same scripted model.
import { randomUUID } from 'node:crypto';
import {
  Annotation,
  type BaseCheckpointSaver,
  END,
  type LangGraphRunnableConfig,
  Send,
  START,
  StateGraph,
} from '@langchain/langgraph';
import type { ScriptedModel, Subtask } from './scripted-model';
import type { Shape } from './shapes';

const State = Annotation.Root({
  text: Annotation<string>(),
  plan: Annotation<Subtask[]>(),
  results: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  round: Annotation<number>(),
  approved: Annotation<boolean>(),
});
type StateT = typeof State.State;

interface Invocable {
  invoke(input: Partial<StateT>, config: LangGraphRunnableConfig): Promise<StateT>;
}

// StateGraph's node-name generics do not fit graphs built in a loop; the builder is typed loosely on purpose.
// biome-ignore lint/suspicious/noExplicitAny: see above
type LooseGraph = any;

function buildChain(size: number, model: ScriptedModel): LooseGraph {
  const graph: LooseGraph = new StateGraph(State);
  for (let i = 0; i < size; i++) {
    graph.addNode(`agent_${i}`, async (state: StateT) => ({ text: await model.specialist(state.text) }));
    graph.addEdge(i === 0 ? START : `agent_${i - 1}`, `agent_${i}`);
  }
  graph.addEdge(`agent_${size - 1}`, END);
  return graph;
}

function buildFanout(width: number, model: ScriptedModel): LooseGraph {
  const graph: LooseGraph = new StateGraph(State);
  graph.addNode('orchestrator', async () => ({ plan: await model.decompose(width) }));
  graph.addNode('worker', async (state: { task: Subtask }) => ({
    results: [await model.specialist(state.task.description)],
  }));
  graph.addNode('synthesis', async (state: StateT) => ({ text: await model.synthesise(state.results) }));
  graph.addEdge(START, 'orchestrator');
  graph.addConditionalEdges('orchestrator', (state: StateT) => state.plan.map((task) => new Send('worker', { task })));
  graph.addEdge('worker', 'synthesis');
  graph.addEdge('synthesis', END);
  return graph;
}

function buildLoop(revisions: number, model: ScriptedModel): LooseGraph {
  const graph: LooseGraph = new StateGraph(State);
  graph.addNode('producer', async (state: StateT) =>
    state.round ? { text: await model.revise(state.round) } : { text: await model.specialist(state.text) },
  );
  graph.addNode('reviewer', async (state: StateT) => {
    const round = (state.round ?? 0) + 1;
    const review = await model.review(round);
    return { round, approved: review.approved };
  });
  graph.addEdge(START, 'producer');
  graph.addEdge('producer', 'reviewer');
  graph.addConditionalEdges('reviewer', (state: StateT) =>
    state.approved || state.round > revisions ? END : 'producer',
  );
  return graph;
}

/** Compiles the shape once; each run then invokes it (with a fresh thread when there is a checkpointer). */
export function compileLangGraph(shape: Shape, model: ScriptedModel, checkpointer?: BaseCheckpointSaver) {
  const builders = { chain: buildChain, fanout: buildFanout, loop: buildLoop };
  const app: Invocable = builders[shape.kind](shape.size, model).compile(checkpointer ? { checkpointer } : {});
  const steps = shape.kind === 'fanout' ? 10 : shape.kind === 'chain' ? shape.size : 2 * shape.size;
  return (goal: string): Promise<StateT> =>
    app.invoke(
      { text: goal },
      {
        recursionLimit: steps + 10,
        // Fan-outs run with concurrency equal to W, as ours do.
        maxConcurrency: shape.kind === 'fanout' ? shape.size : undefined,
        configurable: { thread_id: randomUUID() },
      },
    );
}
