// The decisions waiting for a person across every run, polled: the header counts them and the editor of a graph
// with one says so. Polling (not an app-wide event stream) because the list comes from the store whichever process
// runs the run, needs no new long-lived connection per tab, and TanStack Query shares one poll between every reader
// and pauses it while the tab is hidden.
import type { WaitingEscalation } from '@baton/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './client';

/** Within the 2 s a person expects the header to notice a run starting or ending a wait. */
export const WAITING_POLL_MS = 1500;

export const escalationKeys = { waiting: ['escalations', 'waiting'] as const };

export function useWaitingEscalations() {
  return useQuery({
    queryKey: escalationKeys.waiting,
    queryFn: () =>
      apiFetch<{ items: WaitingEscalation[] }>('/api/escalations?status=waiting').then((page) => page.items),
    refetchInterval: WAITING_POLL_MS,
  });
}
