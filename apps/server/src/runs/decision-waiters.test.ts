import { describe, expect, it } from 'vitest';
import type { RunRequests } from '../store/types';
import { DecisionWaiters } from './decision-waiters';
import type { EscalationResolution } from './engine-port';

function memoryRequests(): Pick<RunRequests, 'decision' | 'recordDecision'> {
  const decisions = new Map<string, EscalationResolution>();
  return {
    async decision(runId, escalationId) {
      return decisions.get(`${runId}/${escalationId}`) ?? null;
    },
    async recordDecision(runId, escalationId, resolution) {
      decisions.set(`${runId}/${escalationId}`, resolution);
      return true;
    },
  };
}

const request = (escalationId: string) => ({
  escalationId,
  runId: 'r',
  edgeId: 'e',
  contract: { name: 'c', schema: {}, requiredConfidence: 0, onLowConfidence: 'escalate' as const },
  payload: null,
  confidence: null,
  reason: 'why',
});

describe('decision waiters', () => {
  it('take a decision stored before or after the engine asks, and give up when the run is aborted', async () => {
    const requests = memoryRequests();
    const waiters = new DecisionWaiters(requests as RunRequests);
    await requests.recordDecision('r', 'early', { decision: 'approve' });
    expect(await waiters.wait(request('early'), new AbortController().signal)).toEqual({ decision: 'approve' });

    const later = waiters.wait(request('later'), new AbortController().signal);
    await waiters.check();
    expect(waiters.size).toBe(1);
    await requests.recordDecision('r', 'later', { decision: 'reject' });
    await waiters.check();
    expect(await later).toEqual({ decision: 'reject' });

    const controller = new AbortController();
    const aborted = waiters.wait(request('never'), controller.signal);
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error('stopped'));
    await expect(aborted).rejects.toThrow('stopped');
    expect(waiters.size).toBe(0);
  });
});
