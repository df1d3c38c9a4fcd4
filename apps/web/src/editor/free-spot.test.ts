import { describe, expect, it } from 'vitest';
import { freeSpotNear } from './free-spot';
import { nodeSize } from './node-factory';
import { researchGraph } from './test-graphs';

describe('freeSpotNear', () => {
  it('keeps the centre when it is free, and moves off a node that sits there', () => {
    const graph = researchGraph();
    const size = { width: 220, height: 80 };
    expect(freeSpotNear({ x: 5000, y: 5000 }, size, graph.nodes, new Map())).toEqual({ x: 4890, y: 4960 });
    const lead = graph.nodes.find((node) => node.id === 'lead')!;
    const leadSize = nodeSize(lead);
    const centre = { x: lead.position.x + leadSize.width / 2, y: lead.position.y + leadSize.height / 2 };
    const spot = freeSpotNear(centre, size, graph.nodes, new Map());
    for (const node of graph.nodes) {
      const box = { ...node.position, ...nodeSize(node) };
      const apart =
        spot.x >= box.x + box.width ||
        box.x >= spot.x + size.width ||
        spot.y >= box.y + box.height ||
        box.y >= spot.y + size.height;
      expect(apart).toBe(true);
    }
    expect(Math.hypot(spot.x - (centre.x - 110), spot.y - (centre.y - 40))).toBeLessThan(400);
  });
});
