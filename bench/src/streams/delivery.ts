// What one watcher received: every seq exactly once and in order, and how long each event took to arrive.
import type { SseMessage } from './sse-parse';

export interface Delivery {
  received: number;
  duplicates: number;
  outOfOrder: number;
  maxSeq: number;
  ended: boolean;
  /** Emit-to-parse latency (ms) of events emitted after the watcher was connected. */
  latencies: number[];
}

export function createDeliveryCheck(connectedAt: () => number) {
  const seen = new Set<number>();
  const delivery: Delivery = { received: 0, duplicates: 0, outOfOrder: 0, maxSeq: 0, ended: false, latencies: [] };
  return {
    delivery,
    onMessage(message: SseMessage) {
      if (message.event === 'end') {
        delivery.ended = true;
        return;
      }
      if (message.event !== 'message') return;
      const now = Date.now();
      const event = JSON.parse(message.data) as { seq: number; at: number };
      delivery.received++;
      if (seen.has(event.seq)) delivery.duplicates++;
      if (event.seq < delivery.maxSeq) delivery.outOfOrder++;
      seen.add(event.seq);
      delivery.maxSeq = Math.max(delivery.maxSeq, event.seq);
      if (event.at >= connectedAt()) delivery.latencies.push(now - event.at);
    },
  };
}

/** Null when every one of `expected` events arrived once and in order; else what went wrong. */
export function deliveryProblem(delivery: Delivery, expected: number): string | null {
  if (delivery.duplicates > 0) return `${delivery.duplicates} duplicate events`;
  if (delivery.outOfOrder > 0) return `${delivery.outOfOrder} events out of order`;
  if (delivery.received !== expected || delivery.maxSeq !== expected) {
    return `received ${delivery.received} events (max seq ${delivery.maxSeq}), expected ${expected}`;
  }
  if (!delivery.ended) return 'the stream closed without its end message';
  return null;
}
