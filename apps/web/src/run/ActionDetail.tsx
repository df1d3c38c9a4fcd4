// The detail view of one action: who did what with which model, what it was given, what it produced.
import type { ReactNode } from 'react';
import { formatDuration, formatJson, formatTokens } from './format';
import { useRunSession } from './run-session';
import type { RunViewStore } from './run-view-store';
import { ToolCallDetail } from './ToolCallDetail';
import { focusAction } from './trace-focus';
import { useCost } from './use-cost';
import { useAction, useTreeVersion } from './view-hooks';

export function ActionDetail({ store, actionId }: { store: RunViewStore; actionId: string | null }) {
  const { focus } = useRunSession();
  const action = useAction(store, actionId);
  const cost = useCost(store, actionId);
  if (!action) return <p className="subtle trace-detail-empty">Choose an action to see its details.</p>;
  const duration = action.durationMs ?? (action.endedAt === null ? null : action.endedAt - action.startedAt);
  return (
    <section className="trace-detail" data-testid="action-detail" aria-label="Action details">
      <header className="trace-detail-head">
        <strong>{action.agentName}</strong> <span className="badge">{action.actionType}</span>{' '}
        <span className={`badge status-badge status-${action.status}`}>{action.status}</span>
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => focusAction(focus, null)}>
          Close
        </button>
      </header>
      <dl className="trace-facts">
        <Fact label="Agent">
          {action.agentName} <span className="subtle">({action.agentId})</span>
        </Fact>
        <Fact label="Model">{action.model ? `${action.model}${action.tier ? ` (${action.tier})` : ''}` : '—'}</Fact>
        <Fact label="Input hash">
          <code className="hash" title={action.inputHash}>
            {action.inputHash || '—'}
          </code>
        </Fact>
        <Fact label="Tokens">
          {action.usage
            ? `${formatTokens(action.usage.totalTokens)} (in ${formatTokens(action.usage.inputTokens)}, out ${formatTokens(action.usage.outputTokens)})`
            : '—'}
        </Fact>
        <Fact label="Cost">
          <span data-testid="action-cost" title={cost?.title}>
            {cost ? cost.text : '—'}
          </span>
        </Fact>
        <Fact label="Duration">{formatDuration(duration)}</Fact>
        <Fact label="Attempt">
          {action.attempt}
          {action.stepKey ? <span className="subtle"> · step {action.stepKey}</span> : null}
        </Fact>
      </dl>
      {action.summary && <p className="trace-summary">{action.summary}</p>}
      {action.skipReason && <p className="trace-summary">Skipped: {action.skipReason}</p>}
      {action.error && (
        <div className="run-error" role="alert">
          <p>
            {action.error.code}: {action.error.message}
          </p>
        </div>
      )}
      {action.tool && <ToolCallDetail action={action} duration={duration} />}
      {action.handoffs.length > 0 && (
        <Block title="Handoff validation">
          <ul className="handoff-list" data-testid="handoff-results">
            {action.handoffs.map((h) => (
              <li key={h.seq} className={`handoff-${h.outcome}`}>
                <strong>{h.outcome.replaceAll('_', ' ')}</strong>{' '}
                {h.contractName ? `contract "${h.contractName}"` : 'no contract'} {h.sourceId} → {h.targetId}
                {h.confidence !== null && <span className="subtle"> · confidence {h.confidence}</span>}
                {h.detail.map((d) => (
                  <div key={d} className="subtle">
                    {d}
                  </div>
                ))}
              </li>
            ))}
          </ul>
        </Block>
      )}
      {action.messages && action.messages.length > 0 && (
        <Block title={`Messages given (${action.messages.length})`}>
          {action.messages.map((m, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an action's messages are recorded once and never reorder.
            <div key={`${i}-${m.role}`} className={`trace-message role-${m.role}`}>
              <div className="trace-message-role">{m.role}</div>
              <pre className="trace-pre">{m.content}</pre>
            </div>
          ))}
        </Block>
      )}
      {action.output !== undefined ? (
        <Block title="Output">
          <pre className="trace-pre" data-testid="action-output">
            {formatJson(action.output)}
          </pre>
        </Block>
      ) : (
        <LiveText store={store} actionId={action.id} running={action.status === 'running'} />
      )}
    </section>
  );
}

/** Tokens as they stream in: the action's own, or those of the model call working for it right now. */
function LiveText({ store, actionId, running }: { store: RunViewStore; actionId: string; running: boolean }) {
  // Re-read on every change of the store: a token elsewhere in the subtree changes what is shown here.
  useTreeVersion(store);
  const live = store.liveText(actionId);
  if (!live) return null;
  return (
    <Block title={running ? 'Streaming…' : 'Streamed text'}>
      <pre className="trace-pre" data-testid="action-stream">
        {live.text}
      </pre>
    </Block>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details className="trace-block" open>
      <summary>{title}</summary>
      {children}
    </details>
  );
}
