// The run panel of the editor: goal, Run / Cancel, provider badge, the live trace, the result, history, escalations.
import { type ActionType, type GraphDocument, isTerminalRunStatus } from '@baton/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { graphPath, navigate, runPath } from '../app/router';
import { useDocument } from '../editor/document-context';
import { useRunDock } from '../editor/run-dock';
import { SaveAsTestCase } from '../tests/SaveAsTestCase';
import { TestsTab } from '../tests/TestsTab';
import { badgeClass, runStatusBadge } from '../ui/format';
import { ActionDetail } from './ActionDetail';
import { otlpTraceUrl, runKeys, traceUrl, useResumeRun } from './api';
import { CanvasFocusBridge } from './CanvasFocusBridge';
import { formatDuration, formatTokens } from './format';
import { NoWorkerNotice } from './NoWorkerNotice';
import { ProviderBadge } from './ProviderBadge';
import { RunAsked } from './RunAsked';
import { type RunAgainRequest, RunControls } from './RunControls';
import { RunHistory } from './RunHistory';
import { useRunSession, useTraceFocus } from './run-session';
import { connectRunStream, type StreamState } from './run-stream';
import { RunViewStore } from './run-view-store';
import { TraceFilters } from './TraceFilters';
import { TraceList } from './TraceList';
import { focusAction } from './trace-focus';
import type { TraceFilter } from './trace-tree';
import { useCost } from './use-cost';
import { VersionNotice } from './VersionNotice';
import type { RunView } from './view-cache';
import { useRunSummary } from './view-hooks';
import type { AttemptMarker } from './view-shapes';
import { WaitingRunHint } from './WaitingRunHint';
import './run.css';

export interface RunPanelProps {
  graphId: string;
  /** True when the graph has problems: it can be saved but not run. */
  hasProblems: boolean;
  /** The run to show (from the route `/graphs/:id/runs/:runId`); a run started here is shown too. */
  runId?: string;
  /**
   * Called before a run starts; the run waits for it. The server runs the stored draft, so the editor passes
   * its autosave's flush here: an edit made just before pressing Run is in the run.
   */
  beforeRun?(): Promise<void>;
}

// Loaded when first shown: the Markdown renderer only with a result, the dialog only with an escalation.
const ResultView = lazy(() => import('./ResultView').then((module) => ({ default: module.ResultView })));
const EscalationDialog = lazy(() =>
  import('./EscalationDialog').then((module) => ({ default: module.EscalationDialog })),
);

type Tab = 'trace' | 'result' | 'history' | 'tests';

export function RunPanel({ graphId, hasProblems, runId: routeRunId, beforeRun }: RunPanelProps) {
  const [startedRunId, setStartedRunId] = useState<string | null>(null);
  const runId = routeRunId ?? startedRunId;
  const { overlay, views } = useRunSession();
  const view = useMemo<RunView | null>(
    () => (runId ? views.viewFor(runId, (id) => new RunViewStore({ runId: id })) : null),
    [runId, views],
  );
  const [streamState, setStreamState] = useState<StreamState | null>(null);
  const [tab, setTab] = useState<Tab>('trace');
  const queryClient = useQueryClient();
  /** Bumped by "Try again" after the stream was lost, to connect afresh. */
  const [attempt, setAttempt] = useState(0);
  const [runAgain, setRunAgain] = useState<RunAgainRequest | null>(null);
  const dock = useRunDock();
  // A run shown (started here, opened from the history or a link) gets the room its trace needs, once.
  useEffect(() => {
    if (runId) dock.makeRoom();
  }, [runId, dock]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt ("Try again") must connect afresh.
  useEffect(() => {
    if (!view || !runId) return;
    overlay.show(view.store);
    if (view.ended) {
      setStreamState('ended');
      return () => overlay.show(null);
    }
    const close = connectRunStream({
      runId,
      store: view.store,
      onStateChange: (state) => {
        if (state === 'ended') {
          view.ended = true;
          // The history shows this run's final status, tokens and duration.
          void queryClient.invalidateQueries({ queryKey: runKeys.graphRuns(graphId) });
        }
        setStreamState(state);
      },
    });
    return () => {
      close();
      overlay.show(null);
    };
  }, [view, runId, graphId, queryClient, attempt, overlay]);

  const openRun = (id: string) => {
    setStartedRunId(id);
    setTab('trace');
    navigate(runPath(graphId, id));
  };

  return (
    <aside className="run-panel" data-testid="run-panel" aria-label="Run">
      <CanvasFocusBridge />
      {/* The goal and the run's state on the left; the trace and the action's detail get the rest of the width. */}
      <div className="run-panel-side">
        <header className="run-panel-head">
          <h2 className="run-panel-title">Run</h2>
          <ProviderBadge />
        </header>
        <RunControls
          graphId={graphId}
          hasProblems={hasProblems}
          liveRunId={view && !view.ended ? runId : null}
          beforeRun={beforeRun}
          onStarted={openRun}
          runAgain={runAgain}
        />
        {view && runId && (
          <RunStatusBar
            graphId={graphId}
            runId={runId}
            store={view.store}
            streamState={streamState}
            onRetry={() => setAttempt((n) => n + 1)}
            onResumed={() => {
              // The new attempt's events follow the last seq the store has: reopen the stream from there.
              view.ended = false;
              setAttempt((n) => n + 1);
            }}
            onClose={() => {
              setStartedRunId(null);
              navigate(graphPath(graphId));
            }}
          />
        )}
        {view && runId && <NoWorkerNotice runId={runId} store={view.store} />}
        {view && <RunAsked store={view.store} canRun={!hasProblems} onRunAgain={setRunAgain} />}
        {view && runId && <Escalations runId={runId} store={view.store} />}
      </div>
      <div className="run-panel-main">
        <div className="run-tabs" role="tablist">
          {(['trace', 'result', 'history', 'tests'] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={tab === t}
              className={`run-tab${tab === t ? ' active' : ''}`}
              data-testid={`run-tab-${t}`}
              onClick={() => setTab(t)}
            >
              {TAB_LABELS[t]}
              {t === 'result' && tab !== 'result' && view && <ResultReady store={view.store} />}
            </button>
          ))}
        </div>
        <div className="run-tab-body">
          {tab === 'history' && <RunHistory graphId={graphId} currentRunId={runId} onOpen={openRun} />}
          {tab === 'tests' && <TestsTab graphId={graphId} beforeRun={beforeRun} />}
          {tab !== 'history' && tab !== 'tests' && !view && <WaitingRunHint graphId={graphId} onOpen={openRun} />}
          {tab === 'trace' && view && <TraceTab store={view.store} />}
          {tab === 'result' && view && <ResultTab store={view.store} />}
        </div>
      </div>
    </aside>
  );
}

const TAB_LABELS: Record<Tab, string> = { trace: 'Trace', result: 'Result', history: 'History', tests: 'Tests' };

function RunStatusBar({
  graphId,
  runId,
  store,
  streamState,
  onRetry,
  onResumed,
  onClose,
}: {
  graphId: string;
  runId: string;
  store: RunViewStore;
  streamState: StreamState | null;
  onRetry(): void;
  onResumed(): void;
  onClose(): void;
}) {
  const summary = useRunSummary(store);
  const cost = useCost(store, null);
  const resume = useResumeRun();
  const badge = runStatusBadge(summary.status);
  const live = !isTerminalRunStatus(summary.status);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [live]);
  // `now` only makes the bar re-render while live; the clock is read here so the figure is never stale.
  const elapsed =
    summary.startedAt === null ? null : Math.max(0, (summary.endedAt ?? Math.max(now, Date.now())) - summary.startedAt);
  return (
    <div
      className="run-status"
      data-testid="run-status"
      data-status={summary.status}
      data-run-id={runId}
      data-event-count={summary.eventCount}
      data-last-seq={summary.lastSeq}
      data-action-count={summary.actionCount}
      data-stream={streamState ?? ''}
    >
      <span className={badgeClass(badge.tone)}>{badge.label}</span>
      <span className="subtle" data-testid="run-counts">
        {summary.actionCount} actions · {formatTokens(summary.totals.usage.totalTokens)} tokens ·{' '}
        {cost && (
          <>
            <span data-testid="run-cost" title={cost.title}>
              {cost.text}
            </span>{' '}
            ·{' '}
          </>
        )}
        {formatDuration(elapsed)}
        {summary.graphVersion !== null ? ` · v${summary.graphVersion}` : ''}
      </span>
      {streamState === 'reconnecting' && <span className="badge badge-warning">Reconnecting…</span>}
      {streamState === 'lost' && (
        <span className="run-lost" role="alert">
          <span className="badge badge-danger">Lost the run's stream</span>
          <button type="button" className="btn btn-sm" onClick={onRetry}>
            Try again
          </button>
        </span>
      )}
      <span className="run-status-end">
        {!live && <SaveAsTestCase graphId={graphId} runId={runId} />}
        <a className="btn btn-ghost btn-sm" href={traceUrl(runId)} download data-testid="run-export-trace">
          Export trace
        </a>
        <a
          className="btn btn-ghost btn-sm"
          href={otlpTraceUrl(runId)}
          download
          data-testid="run-export-otlp"
          title="The run as OpenTelemetry spans (OTLP JSON Lines), for any tracing backend"
        >
          OTLP
        </a>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClose} title="Stop showing this run">
          ×
        </button>
      </span>
      {summary.graphVersion !== null && <VersionNotice graphId={graphId} version={summary.graphVersion} />}
      {summary.notices.map((notice) => (
        <p key={notice} className="run-notice">
          {notice}
        </p>
      ))}
      {summary.error && (
        <p className="run-error" role="alert">
          {summary.error.message}
        </p>
      )}
      {summary.status === 'interrupted' && (
        <p className="run-resume">
          <span className="run-notice" data-testid="run-interrupted-reason">
            {summary.endReason ?? 'The run could not be resumed.'}
          </span>{' '}
          <button
            type="button"
            className="btn btn-sm btn-primary"
            data-testid="run-resume"
            disabled={resume.isPending}
            onClick={() => resume.mutate(runId, { onSuccess: onResumed })}
          >
            Resume
          </button>
          {resume.error && (
            <span className="run-error" role="alert">
              {resume.error instanceof Error ? resume.error.message : 'The run could not be resumed.'}
            </span>
          )}
        </p>
      )}
    </div>
  );
}

function TraceTab({ store }: { store: RunViewStore }) {
  const { focus } = useRunSession();
  const nodeId = useTraceFocus((state) => state.nodeId);
  const actionId = useTraceFocus((state) => state.actionId);
  const [actionType, setActionType] = useState<ActionType | null>(null);
  const summary = useRunSummary(store);
  // A node chosen on the canvas (or in the filter) opens its latest activation in the detail view.
  useEffect(() => {
    if (nodeId === null) return;
    const actionId = store.nodeActionOf(nodeId);
    if (actionId !== undefined) focusAction(focus, actionId);
  }, [nodeId, store, focus]);
  const filter = useMemo<TraceFilter>(
    () => ({
      agentIds: new Set(nodeId ? [nodeId] : []),
      actionTypes: new Set(actionType ? [actionType] : []),
    }),
    [nodeId, actionType],
  );
  return (
    <div className="trace-tab">
      <div className="trace-main">
        <TraceFilters store={store} actionType={actionType} onActionType={setActionType} />
        {summary.attempts.map((marker) => (
          <AttemptNote key={marker.seq} marker={marker} />
        ))}
        <TraceList store={store} filter={filter} live={!isTerminalRunStatus(summary.status)} />
      </div>
      <ActionDetail store={store} actionId={actionId} />
    </div>
  );
}

/** Where a resumed attempt began in the trace, and what it reused of the attempts before. */
function AttemptNote({ marker }: { marker: AttemptMarker }) {
  return (
    <p className="run-notice trace-attempt" data-testid="trace-attempt" data-seq={marker.seq}>
      Resumed after a restart: {marker.reused} step{marker.reused === 1 ? '' : 's'} reused, {marker.repeated} repeated
      <span className="subtle">
        {' '}
        (attempt {marker.attempt}, from event {marker.seq}, {new Date(marker.at).toLocaleTimeString()})
      </span>
    </p>
  );
}

/** A dot on the Result tab once the run has ended: the result (or why there is none) is there to read. */
function ResultReady({ store }: { store: RunViewStore }) {
  const { status } = useRunSummary(store);
  if (!isTerminalRunStatus(status)) return null;
  return (
    <span className={`run-tab-dot status-dot-${status}`}>
      <span className="visually-hidden"> (ready)</span>
    </span>
  );
}

function ResultTab({ store }: { store: RunViewStore }) {
  const summary = useRunSummary(store);
  return (
    <Suspense fallback={<p className="subtle">Loading the result…</p>}>
      <ResultView summary={summary} />
    </Suspense>
  );
}

function Escalations({ runId, store }: { runId: string; store: RunViewStore }) {
  const { pendingEscalations, status } = useRunSummary(store);
  const document = useDocument((state) => state.document);
  const [later, setLater] = useState<ReadonlySet<string>>(() => new Set());
  const first = pendingEscalations[0];
  // An interrupted run keeps its open questions, but they can be answered only once it is resumed.
  if (!first || isTerminalRunStatus(status)) return null;
  const name = (nodeId: string) => agentName(store, document, nodeId);
  if (later.has(first.escalationId)) {
    return (
      <div className="run-escalation-banner" role="status">
        {pendingEscalations.length} handoff{pendingEscalations.length > 1 ? 's' : ''} waiting for you.
        <button
          type="button"
          className="btn btn-sm btn-primary"
          data-testid="escalation-open"
          onClick={() => setLater(new Set())}
        >
          Review
        </button>
      </div>
    );
  }
  return (
    <Suspense fallback={null}>
      <EscalationDialog
        key={first.escalationId}
        runId={runId}
        escalation={first}
        sourceName={name(first.sourceId)}
        targetName={name(first.targetId)}
        onClose={() => setLater((previous) => new Set(previous).add(first.escalationId))}
      />
    </Suspense>
  );
}

/**
 * The name people know an agent by: the run's own record of it (the graph as it ran), else the open graph's (a
 * target that has not run yet), and the id only for a node neither knows.
 */
function agentName(store: RunViewStore, document: GraphDocument, nodeId: string): string {
  for (const action of store.allActions()) if (action.agentId === nodeId) return action.agentName;
  const node = document.nodes.find((candidate) => candidate.id === nodeId);
  return node ? node.data.name : nodeId;
}
