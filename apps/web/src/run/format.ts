// How the run view writes durations, token counts, node statuses and JSON for people.
import { assertNever, type JsonValue } from '@baton/contracts';
import type { NodeRunStatus } from './view-shapes';

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

const integer = new Intl.NumberFormat('en');

export function formatTokens(tokens: number | null | undefined): string {
  return tokens === null || tokens === undefined ? '—' : integer.format(tokens);
}

export function nodeStatusLabel(status: NodeRunStatus): string {
  switch (status) {
    case 'running':
      return 'Running';
    case 'completed':
      return 'Succeeded';
    case 'failed':
      return 'Failed';
    case 'skipped':
      return 'Skipped';
    case 'cancelled':
      return 'Cancelled';
    case 'waiting':
      return 'Waiting';
    case 'escalated':
      return 'Needs a person';
    case 'idle':
      return 'Did not run';
    default:
      return assertNever(status, 'node run status');
  }
}

/** JSON for reading: strings as they are, everything else indented. */
export function formatJson(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
