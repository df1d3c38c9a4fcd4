// Formatting for people: relative times ("3 min ago") and run statuses as labelled, coloured badges.
import { assertNever, type RunStatus } from '@baton/contracts';

// Built at first use, not at import: each Intl formatter loads its locale data, about 15-20 ms on the editor's
// first screen (measured with a CPU profile), which imports this module but formats no time until a draft is saved.
let relativeFormat: Intl.RelativeTimeFormat | undefined;
let absoluteFormat: Intl.DateTimeFormat | undefined;
const relative = () => (relativeFormat ??= new Intl.RelativeTimeFormat('en', { numeric: 'auto' }));
const absolute = () => (absoluteFormat ??= new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }));

/** "just now", "5 min ago", "yesterday", then a date for anything older than a week. */
export function formatRelativeTime(at: number, now: number): string {
  const seconds = Math.round((at - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 45 * 60) return relative().format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return relative().format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86400) return relative().format(Math.round(seconds / 86400), 'day');
  return absolute().format(at);
}

export function formatDateTime(at: number): string {
  return absolute().format(at);
}

export type BadgeTone = 'accent' | 'success' | 'danger' | 'warning' | 'info' | 'neutral';

export function runStatusBadge(status: RunStatus): { label: string; tone: BadgeTone } {
  switch (status) {
    case 'queued':
      return { label: 'Queued', tone: 'neutral' };
    case 'running':
      return { label: 'Running', tone: 'info' };
    case 'waiting':
      return { label: 'Waiting for you', tone: 'warning' };
    case 'completed':
      return { label: 'Completed', tone: 'success' };
    case 'failed':
      return { label: 'Failed', tone: 'danger' };
    case 'cancelled':
      return { label: 'Cancelled', tone: 'neutral' };
    case 'interrupted':
      return { label: 'Interrupted', tone: 'warning' };
    default:
      return assertNever(status, 'run status');
  }
}

export const badgeClass = (tone: BadgeTone): string => (tone === 'neutral' ? 'badge' : `badge badge-${tone}`);
