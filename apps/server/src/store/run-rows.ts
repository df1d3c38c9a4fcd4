// A run's row as both stores keep it (the same columns, JSON fields as text) and what one append makes of it.
import type {
  Budget,
  ErrorInfo,
  JsonValue,
  RunEvent,
  RunRecord,
  RunSpend,
  RunStatus,
  RunSummary,
  Usage,
} from '@baton/contracts';
import { ConflictError } from '../errors';
import { applyEvent, type RunState } from './run-state';

export interface RunRow {
  id: string;
  graph_id: string;
  graph_version: number;
  goal: string;
  input: string | null;
  budget: string | null;
  status: string;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  usage: string;
  spend: string;
  model_calls: number;
  event_count: number;
  last_hash: string | null;
  result: string | null;
  error: string | null;
  pending_escalations: string;
}

/**
 * What an append needs of a run that is taking events, kept in memory so that an append is one INSERT and one
 * UPDATE: the run's fixed fields, its state, and the JSON text of each state field (re-serialised only on change).
 */
export interface ActiveRun {
  fixed: Pick<RunRecord, 'id' | 'graphId' | 'graphVersion' | 'goal' | 'createdAt' | 'input'>;
  state: RunState;
  texts: { usage: string; spend: string; result: string | null; error: string | null; pendingEscalations: string };
}

export function activeFromRow(row: RunRow): ActiveRun {
  const record = toRecord(row);
  return {
    fixed: {
      id: record.id,
      graphId: record.graphId,
      graphVersion: record.graphVersion,
      goal: record.goal,
      createdAt: record.createdAt,
      input: record.input,
    },
    state: toState(row),
    texts: {
      usage: row.usage,
      spend: row.spend,
      result: row.result,
      error: row.error,
      pendingEscalations: row.pending_escalations,
    },
  };
}

/**
 * The run after `events`, checked to follow on from `run`'s state (same run, seqs in order), with the JSON text of
 * each state field; the store then writes it with a compare-and-set on the `before` event count and chain hash.
 */
export function planAppend(run: ActiveRun, events: readonly RunEvent[]): ActiveRun {
  const before = run.state;
  let state = before;
  for (const event of events) {
    if (event.runId !== run.fixed.id) {
      throw new Error(`One append mixes the runs "${run.fixed.id}" and "${event.runId}".`);
    }
    if (event.seq !== state.eventCount + 1) {
      throw new ConflictError(
        'event_out_of_order',
        `Event ${event.seq} of run "${event.runId}" does not follow event ${state.eventCount}.`,
      );
    }
    state = applyEvent(state, event);
  }
  // applyEvent keeps a field's object when it did not change, so most appends serialise none of them.
  const texts = {
    usage: state.usage === before.usage ? run.texts.usage : JSON.stringify(state.usage),
    spend: state.spend === before.spend ? run.texts.spend : JSON.stringify(state.spend),
    result:
      state.result === before.result ? run.texts.result : state.result === null ? null : JSON.stringify(state.result),
    error: state.error === before.error ? run.texts.error : state.error === null ? null : JSON.stringify(state.error),
    pendingEscalations:
      state.pendingEscalations === before.pendingEscalations
        ? run.texts.pendingEscalations
        : JSON.stringify(state.pendingEscalations),
  };
  return { fixed: run.fixed, state, texts };
}

/** The run's columns after an append, in the order both stores' UPDATEs take them. */
export function stateColumns({ state, texts }: ActiveRun): unknown[] {
  return [
    state.status,
    state.startedAt,
    state.endedAt,
    texts.usage,
    texts.spend,
    state.modelCalls,
    state.eventCount,
    state.lastHash,
    texts.result,
    texts.error,
    texts.pendingEscalations,
  ];
}

export function budgetOf(row: Pick<RunRow, 'budget'> | undefined | null): Budget | null {
  return row?.budget ? (JSON.parse(row.budget) as Budget) : null;
}

export function activeRecord({ fixed, state }: ActiveRun): RunRecord {
  return {
    id: fixed.id,
    graphId: fixed.graphId,
    graphVersion: fixed.graphVersion,
    goal: fixed.goal,
    status: state.status,
    createdAt: fixed.createdAt,
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    usage: state.usage,
    spend: state.spend,
    eventCount: state.eventCount,
    error: state.error,
    input: fixed.input,
    result: state.result,
    lastHash: state.lastHash,
    pendingEscalations: state.pendingEscalations,
  };
}

export function toState(row: RunRow): RunState {
  return {
    status: row.status as RunStatus,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    usage: JSON.parse(row.usage) as Usage,
    spend: JSON.parse(row.spend) as RunSpend,
    modelCalls: row.model_calls,
    eventCount: row.event_count,
    lastHash: row.last_hash,
    result: row.result === null ? null : (JSON.parse(row.result) as JsonValue),
    error: row.error === null ? null : (JSON.parse(row.error) as ErrorInfo),
    pendingEscalations: JSON.parse(row.pending_escalations) as string[],
  };
}

export function toSummary(row: RunRow): RunSummary {
  const state = toState(row);
  return {
    id: row.id,
    graphId: row.graph_id,
    graphVersion: row.graph_version,
    goal: row.goal,
    status: state.status,
    createdAt: row.created_at,
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    usage: state.usage,
    spend: state.spend,
    eventCount: state.eventCount,
    error: state.error,
  };
}

export function toRecord(row: RunRow): RunRecord {
  const state = toState(row);
  return {
    ...toSummary(row),
    input: row.input === null ? null : (JSON.parse(row.input) as JsonValue),
    result: state.result,
    lastHash: state.lastHash,
    pendingEscalations: state.pendingEscalations,
  };
}
