// The action tree with its timeline: one virtualised row per action, bars on one time axis, following live work.

import { type PriceTable, priceOf } from '@baton/contracts';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { usePrices } from './api';
import { formatUsd } from './cost';
import { formatDuration, formatTokens } from './format';
import { useRunSession, useTraceFocus } from './run-session';
import type { RunViewStore } from './run-view-store';
import { focusAction } from './trace-focus';
import { type TraceFilter, type TraceRow, timeAxis, visibleRows } from './trace-tree';
import { useAction, useRunSummary, useStructureVersion } from './view-hooks';
import './trace.css';

const ROW_HEIGHT = 28;

export interface TraceListProps {
  store: RunViewStore;
  filter: TraceFilter;
  live: boolean;
}

/** Re-renders every `ms` while `on`, so the time axis of a live run keeps moving. */
function useNow(on: boolean, ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [on, ms]);
  return now;
}

export function TraceList({ store, filter, live }: TraceListProps) {
  // Rows change shape only when actions are added; a streamed token re-renders just its own row.
  const version = useStructureVersion(store);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [following, setFollowing] = useState(true);
  // The same answer, read where a render may not have caught up yet: a store update renders at a higher priority
  // than the wheel's state update, so an effect (or a planned frame) can still see `following` true after the
  // person scrolled away, and pull the list back down.
  const followingNow = useRef(true);
  const lastScrollTop = useRef(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const selectedId = useTraceFocus((state) => state.actionId);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is how the store says its tree changed.
  const rows = useMemo(() => visibleRows(store, collapsed, filter), [store, collapsed, filter, version]);
  const now = useNow(live, 250);
  const { endedAt: ended, provider } = useRunSummary(store);
  // Rows of simulated runs show no amount (the run's total says "simulated"); others price their model calls.
  const prices = usePrices().data;
  const rowPrices = provider?.simulated ? undefined : prices;
  // The axis starts at the first action (changes only with new actions) and ends now, or when the run ended.
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is how the store says actions were added.
  const axis = useMemo(() => timeAxis(store, live ? now : 0), [store, live, now, version, ended]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  // Follow the newest action while live, unless the person has scrolled away to read something. The scroll
  // position depends only on the newest row's index, so a new action that takes the same row (or a streamed token)
  // scrolls nothing; and however many actions arrive in one frame, the list scrolls at most once in it.
  const followedIndex = useRef(-1);
  const frame = useRef(0);
  const cancelFollowFrame = () => {
    cancelAnimationFrame(frame.current);
    frame.current = 0;
  };
  useEffect(() => {
    const newestId = store.newestActionId;
    if (!live || !following || !followingNow.current || newestId === null) return;
    const index = lastIndexOf(rows, newestId);
    if (index < 0 || index === followedIndex.current) return;
    followedIndex.current = index;
    if (frame.current !== 0) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (!followingNow.current) return;
      // Rows have one fixed height, so the offset is known. The view's position and height come from the
      // virtualizer's cache: reading them from the element would force a layout of the whole page every time.
      const el = scrollRef.current;
      if (!el) return;
      const viewTop = virtualizer.scrollOffset ?? 0;
      const viewHeight = virtualizer.scrollRect?.height ?? 0;
      const top = followedIndex.current * ROW_HEIGHT;
      if (top < viewTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT > viewTop + viewHeight) el.scrollTop = top + ROW_HEIGHT - viewHeight;
    });
  }, [rows, live, following, store, virtualizer]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const stopFollowing = () => {
    if (!live) return;
    // A scroll already planned for this frame would pull the list back from where the person is taking it.
    cancelFollowFrame();
    followingNow.current = false;
    setFollowing(false);
  };
  const resumeFollowing = () => {
    // Forget the row followed last, so resuming scrolls to the newest even if it has not changed since.
    followedIndex.current = -1;
    followingNow.current = true;
    setFollowing(true);
  };

  const toggle = (id: string) =>
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="trace-list-frame">
      <div className="trace-axis" aria-hidden="true">
        <span>{rows.length} actions</span>
        <span className="trace-axis-scale">
          <span>0</span>
          <span>{formatDuration(axis.end - axis.start)}</span>
        </span>
      </div>
      <div
        ref={scrollRef}
        className="trace-list"
        data-testid="trace-list"
        role="tree"
        aria-label="Actions of the run"
        onWheel={stopFollowing}
        onTouchMove={stopFollowing}
        onKeyDown={(event) => {
          if (['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'].includes(event.key)) stopFollowing();
        }}
        onScroll={(event) => {
          // Scrolling down to the newest row resumes following. Only a move down counts: the first scroll events
          // of a wheel turned upward at the bottom still report the bottom, and must not undo the person's scroll.
          const el = event.currentTarget;
          const movedDown = el.scrollTop > lastScrollTop.current;
          lastScrollTop.current = el.scrollTop;
          if (!followingNow.current && movedDown && el.scrollTop + el.clientHeight >= el.scrollHeight - 4) {
            resumeFollowing();
          }
        }}
      >
        {rows.length === 0 && <p className="trace-empty subtle">No actions yet.</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index] as TraceRow;
            return (
              <TraceRowView
                key={row.id}
                store={store}
                row={row}
                top={item.start}
                axisStart={axis.start}
                axisSpan={axis.end - axis.start}
                now={now}
                selected={row.id === selectedId}
                onToggle={toggle}
                prices={rowPrices}
              />
            );
          })}
        </div>
      </div>
      {live && !following && (
        <button type="button" className="btn btn-sm trace-follow" onClick={resumeFollowing}>
          Follow live
        </button>
      )}
    </div>
  );
}

interface TraceRowViewProps {
  store: RunViewStore;
  row: TraceRow;
  top: number;
  axisStart: number;
  axisSpan: number;
  now: number;
  selected: boolean;
  onToggle(id: string): void;
  prices: PriceTable | undefined;
}

const TraceRowView = memo(function TraceRowView({
  store,
  row,
  top,
  axisStart,
  axisSpan,
  now,
  selected,
  onToggle,
  prices,
}: TraceRowViewProps) {
  const { focus } = useRunSession();
  const action = useAction(store, row.id);
  if (!action) return null;
  const end = action.endedAt ?? (action.status === 'running' || action.status === 'waiting' ? now : action.startedAt);
  const left = ((action.startedAt - axisStart) / axisSpan) * 100;
  const width = Math.max(((end - action.startedAt) / axisSpan) * 100, 0.4);
  const tokens = action.usage?.totalTokens;
  // A model call's own cost; a node's (the sum under it) is in the detail view, so rows stay cheap to render.
  const usd =
    prices && action.model && action.usage && !row.hasChildren
      ? priceOf({ model: action.model, usage: action.usage }, prices)
      : null;
  const meta = `${tokens ? `${formatTokens(tokens)} tok · ` : ''}${usd !== null ? `${formatUsd(usd)} · ` : ''}${
    action.endedAt !== null
      ? formatDuration(action.endedAt - action.startedAt)
      : action.status === 'waiting'
        ? 'for a person'
        : action.status
  }`;
  // A tool call, or the question a person is asked before one runs.
  const named = action.tool ?? action.asksAbout;
  return (
    <div
      role="treeitem"
      tabIndex={0}
      aria-selected={selected}
      aria-expanded={row.hasChildren ? row.expanded : undefined}
      className={`trace-row status-${action.status}${selected ? ' selected' : ''}${row.matches ? '' : ' context'}`}
      data-testid="trace-row"
      data-action-id={action.id}
      data-action-type={action.actionType}
      data-agent-id={action.agentId}
      // The whole row in words: what a narrow list shortens is still one hover away.
      title={`${action.agentName} · ${action.actionType}${named ? ` ${named.name}` : ''} · ${meta}`}
      data-status={action.status}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      onClick={() => focusAction(focus, action.id, action.agentId)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') focusAction(focus, action.id, action.agentId);
      }}
    >
      <div className="trace-label" style={{ paddingLeft: 6 + row.depth * 14 }}>
        {row.hasChildren ? (
          <button
            type="button"
            className="trace-twisty"
            aria-label={row.expanded ? 'Collapse' : 'Expand'}
            onClick={(event) => {
              event.stopPropagation();
              onToggle(action.id);
            }}
          >
            {row.expanded ? '▾' : '▸'}
          </button>
        ) : (
          <span className="trace-twisty" />
        )}
        <span className="trace-dot" aria-hidden="true" />
        {row.sameAgent ? null : <span className="trace-agent">{action.agentName}</span>}
        <span className="trace-type">{action.actionType}</span>
        {named && <span className="trace-tool-name">{named.name}</span>}
        {/* A call (or a question) held for a person says so as the canvas node does, not in the grey meta. */}
        {action.status === 'waiting' && (
          <span className="badge badge-warning badge-caps" data-testid="trace-row-waiting">
            waiting
          </span>
        )}
      </div>
      {/* Beside the label, or over the bar in a narrow list (trace.css), so the names keep their room. */}
      <span className="trace-meta subtle">{meta}</span>
      <div className="trace-bar-cell" aria-hidden="true">
        <div className="trace-bar" style={{ left: `${left}%`, width: `${width}%` }} />
      </div>
    </div>
  );
});

/** The index of the row with `id`, searched from the end: the newest action is almost always among the last rows. */
function lastIndexOf(rows: readonly TraceRow[], id: string): number {
  for (let i = rows.length - 1; i >= 0; i--) if (rows[i]?.id === id) return i;
  return -1;
}
