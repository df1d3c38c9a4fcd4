// Auto-layout: elkjs "layered", left to right. A mesh's peers sit in a grid inside it, and an orchestrator's workers
// in a row below it (its dispatch handle is at the bottom); each such team is one block for elk. elk itself (about
// 480 KB) is loaded on the first layout and runs in a Web Worker, so neither the first screen nor the page waits on it.
import type { GraphDocument, GraphNode, Position } from '@baton/contracts';
import type { ELK } from 'elkjs/lib/elk-api.js';
import type { MeasuredSizes, Size } from './mesh-parenting';
import { nodeSize } from './node-factory';

export interface LayoutResult {
  positions: Map<string, Position>;
  /** New sizes of meshes, grown or shrunk to hold their peers. */
  sizes: Map<string, Size>;
}

/** Room inside a mesh: its header (name, tier) and the padding around the peers. */
const MESH_HEADER = 56;
const MESH_PADDING = 24;
const PEER_GAP = 24;
/** Workers stand apart enough for a contract label on a handoff between neighbours. */
const WORKER_GAP = 200;
const TEAM_GAP = 96;

const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '48',
  'elk.layered.spacing.nodeNodeBetweenLayers': '120',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.edgeRouting': 'SPLINES',
} as const;

let elk: Promise<ELK> | null = null;

/** elk's API with its engine in a worker; both chunks load only now. */
async function loadElk(): Promise<ELK> {
  if (typeof Worker === 'undefined') {
    // No workers (the unit tests run in Node): elk in this thread, the same engine.
    const { default: ElkBundled } = await import('elkjs/lib/elk.bundled.js');
    return new ElkBundled();
  }
  const [{ default: ElkApi }, { default: ElkWorker }] = await Promise.all([
    import('elkjs/lib/elk-api.js'),
    import('elkjs/lib/elk-worker.min.js?worker'),
  ]);
  return new ElkApi({ workerFactory: () => new ElkWorker() });
}

/** Computes new positions; the caller applies them (one undo step). Runs asynchronously so the page stays responsive. */
export async function computeLayout(document: GraphDocument, measured: MeasuredSizes): Promise<LayoutResult> {
  const positions = new Map<string, Position>();
  const sizes = new Map<string, Size>();
  const peers = new Map<string, GraphNode[]>();
  for (const node of document.nodes) {
    if (!node.parentId) continue;
    const list = peers.get(node.parentId);
    if (list) list.push(node);
    else peers.set(node.parentId, [node]);
  }
  for (const [meshId, list] of peers) sizes.set(meshId, arrangePeers(list, measured, positions));

  const teams = findTeams(document);
  const blocks = new Map<string, Block>();
  for (const [leadId, workers] of teams) {
    const lead = document.nodes.find((node) => node.id === leadId)!;
    blocks.set(leadId, arrangeTeam(lead, workers, measured, sizes));
  }
  const owner = new Map<string, string>();
  for (const node of document.nodes) if (node.parentId) owner.set(node.id, node.parentId);
  for (const [leadId, workers] of teams) for (const worker of workers) owner.set(worker.id, leadId);
  const topLevel = document.nodes.filter((node) => !owner.has(node.id));
  const topIds = new Set(topLevel.map((node) => node.id));
  const ownerOf = (id: string) => owner.get(id) ?? id;
  const seen = new Set<string>();
  const edges = document.edges.flatMap((edge) => {
    const source = ownerOf(edge.source);
    const target = ownerOf(edge.target);
    const key = `${source}->${target}`;
    if (source === target || !topIds.has(source) || !topIds.has(target) || seen.has(key)) return [];
    seen.add(key);
    return [{ id: edge.id, sources: [source], targets: [target] }];
  });

  elk ??= loadElk();
  const graph = await (await elk).layout({
    id: 'root',
    layoutOptions: LAYOUT_OPTIONS,
    children: topLevel.map((node) => ({
      id: node.id,
      ...(blocks.get(node.id)?.size ?? sizes.get(node.id) ?? nodeSize(node, measured.get(node.id))),
    })),
    edges,
  });
  for (const child of graph.children ?? []) {
    const origin = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
    const block = blocks.get(child.id);
    if (!block) {
      positions.set(child.id, origin);
      continue;
    }
    for (const [id, offset] of block.offsets) positions.set(id, { x: origin.x + offset.x, y: origin.y + offset.y });
  }
  return { positions, sizes };
}

interface Block {
  size: Size;
  /** Where each member sits inside the block. */
  offsets: Map<string, Position>;
}

/** Orchestrators and their workers: the free specialists only they dispatch to, in handoff order. */
function findTeams(document: GraphDocument): Map<string, GraphNode[]> {
  const byId = new Map(document.nodes.map((node) => [node.id, node]));
  const leads = new Map<string, string[]>();
  for (const edge of document.edges) {
    if (edge.kind !== 'dispatch') continue;
    const list = leads.get(edge.target);
    if (list) list.push(edge.source);
    else leads.set(edge.target, [edge.source]);
  }
  const teams = new Map<string, GraphNode[]>();
  for (const [workerId, sources] of leads) {
    const worker = byId.get(workerId);
    const [lead] = sources;
    if (!worker || worker.parentId || sources.length !== 1 || !lead || !byId.has(lead)) continue;
    const team = teams.get(lead);
    if (team) team.push(worker);
    else teams.set(lead, [worker]);
  }
  for (const [lead, workers] of teams) teams.set(lead, handoffOrder(workers, document));
  return teams;
}

/** Workers ordered so that a handoff between two of them goes left to right. */
function handoffOrder(workers: GraphNode[], document: GraphDocument): GraphNode[] {
  const ids = new Set(workers.map((worker) => worker.id));
  const incoming = new Map(workers.map((worker) => [worker.id, 0]));
  for (const edge of document.edges) {
    if (ids.has(edge.source) && ids.has(edge.target)) incoming.set(edge.target, (incoming.get(edge.target) ?? 0) + 1);
  }
  const ordered: GraphNode[] = [];
  const ready = workers.filter((worker) => incoming.get(worker.id) === 0);
  while (ready.length > 0) {
    const next = ready.shift()!;
    ordered.push(next);
    for (const edge of document.edges) {
      if (edge.source !== next.id || !ids.has(edge.target)) continue;
      const left = (incoming.get(edge.target) ?? 0) - 1;
      incoming.set(edge.target, left);
      if (left === 0) ready.push(workers.find((worker) => worker.id === edge.target)!);
    }
  }
  // Cycles are a problem of their own; their members keep their order at the end.
  for (const worker of workers) if (!ordered.includes(worker)) ordered.push(worker);
  return ordered;
}

/** The orchestrator above, its workers in a row below: one block for elk. */
function arrangeTeam(
  lead: GraphNode,
  workers: readonly GraphNode[],
  measured: MeasuredSizes,
  sizes: Map<string, Size>,
): Block {
  const sizeOf = (node: GraphNode) => sizes.get(node.id) ?? nodeSize(node, measured.get(node.id));
  const leadSize = sizeOf(lead);
  const workerSizes = workers.map(sizeOf);
  const rowWidth = workerSizes.reduce((sum, size) => sum + size.width, 0) + WORKER_GAP * (workers.length - 1);
  const rowHeight = Math.max(...workerSizes.map((size) => size.height));
  const width = Math.max(leadSize.width, rowWidth);
  const offsets = new Map<string, Position>([[lead.id, { x: Math.round((width - leadSize.width) / 2), y: 0 }]]);
  let x = Math.round((width - rowWidth) / 2);
  workers.forEach((worker, i) => {
    offsets.set(worker.id, { x, y: leadSize.height + TEAM_GAP });
    x += workerSizes[i]!.width + WORKER_GAP;
  });
  return { size: { width, height: leadSize.height + TEAM_GAP + rowHeight }, offsets };
}

/** Places peers in a grid below the mesh header (positions relative to the mesh); returns the mesh's size. */
function arrangePeers(list: readonly GraphNode[], measured: MeasuredSizes, positions: Map<string, Position>): Size {
  const columns = Math.ceil(Math.sqrt(list.length));
  const cell = list.reduce(
    (max, node) => {
      const size = nodeSize(node, measured.get(node.id));
      return { width: Math.max(max.width, size.width), height: Math.max(max.height, size.height) };
    },
    { width: 0, height: 0 },
  );
  list.forEach((node, i) => {
    const column = i % columns;
    const row = Math.floor(i / columns);
    positions.set(node.id, {
      x: MESH_PADDING + column * (cell.width + PEER_GAP),
      y: MESH_HEADER + row * (cell.height + PEER_GAP),
    });
  });
  const rows = Math.ceil(list.length / columns);
  return {
    width: MESH_PADDING * 2 + columns * cell.width + (columns - 1) * PEER_GAP,
    height: MESH_HEADER + MESH_PADDING + rows * cell.height + (rows - 1) * PEER_GAP,
  };
}
