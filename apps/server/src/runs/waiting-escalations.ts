// The decisions waiting for a person across every run, read from the store: the runs whose rows hold open
// escalations, each escalation's request from the run's log, and the agents' names from the version that ran.
import type { GraphDocument, RunEvent, WaitingEscalation } from '@baton/contracts';
import type { GraphStore, RunStore } from '../store/types';

/** Runs that can hold an open escalation: a branch waits while others go on (`running`), or everything waits. */
const OPEN_STATUSES = ['running', 'waiting'] as const;
const PAGE = 1000;

export async function listWaitingEscalations(stores: {
  runs: RunStore;
  graphs: GraphStore;
}): Promise<WaitingEscalation[]> {
  const runs = await stores.runs.listRunsWithStatus(OPEN_STATUSES);
  const waiting: WaitingEscalation[] = [];
  for (const run of runs) {
    if (run.pendingEscalations.length === 0) continue;
    const open = new Set(run.pendingEscalations);
    const [version, graph] = await Promise.all([
      stores.graphs.getVersion(run.graphId, run.graphVersion),
      stores.graphs.getGraph(run.graphId),
    ]);
    const name = nameOf(version?.document);
    for (const event of await requests(stores.runs, run.id)) {
      if (!open.has(event.escalationId)) continue;
      waiting.push({
        runId: run.id,
        graphId: run.graphId,
        graphName: graph?.draft.name ?? version?.document.name ?? run.graphId,
        escalationId: event.escalationId,
        sourceName: name(event.sourceId),
        targetName: name(event.targetId),
        reason: event.reason,
        requestedAt: event.at,
      });
    }
  }
  return waiting.sort((a, b) => a.requestedAt - b.requestedAt);
}

type Requested = Extract<RunEvent, { type: 'escalation.requested' }>;

async function requests(runs: RunStore, runId: string): Promise<Requested[]> {
  const found: Requested[] = [];
  for (let after = 0; ; ) {
    const batch = await runs.readEvents(runId, after, PAGE);
    for (const event of batch) if (event.type === 'escalation.requested') found.push(event);
    if (batch.length < PAGE) return found;
    after = batch.at(-1)!.seq;
  }
}

function nameOf(document: GraphDocument | undefined): (nodeId: string) => string {
  const names = new Map(document?.nodes.map((node) => [node.id, node.data.name]) ?? []);
  return (nodeId) => names.get(nodeId) ?? nodeId;
}
