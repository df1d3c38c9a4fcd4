// One replayed case: its verdict, the assertions that failed, and the diff per step (reused steps folded away).
import type { StepVerdict, TestCaseResult } from '@baton/contracts';

const VERDICT_TONE = { passed: 'badge-success', failed: 'badge-danger', diverged: 'badge-warning' } as const;

export function VerdictBadge({ result }: { result: TestCaseResult }) {
  return (
    <span className={`badge ${VERDICT_TONE[result.verdict]}`} data-testid="case-verdict" data-verdict={result.verdict}>
      {result.verdict}
    </span>
  );
}

export function CaseResultView({ result }: { result: TestCaseResult }) {
  const reused = result.steps.filter((s) => s.status === 'reused').length;
  const shown = result.steps.filter((s) => s.status !== 'reused' || s.called);
  return (
    <div className="case-result" data-testid="case-result">
      <p className="subtle">
        {reused} of {result.steps.length} steps reused · {result.modelCalls} model calls ·{' '}
        {result.live ? 'live' : 'offline'}
      </p>
      {result.failures.length > 0 && (
        <ul className="case-failures">
          {result.failures.map((failure) => (
            <li key={`${failure.assertion}:${failure.message}`}>{failure.message}</li>
          ))}
        </ul>
      )}
      {shown.length > 0 && (
        <ol className="case-steps">
          {shown.map((step) => (
            <StepRow key={step.stepKey} step={step} />
          ))}
        </ol>
      )}
      {result.routes
        .filter((route) => route.expected !== null && route.expected !== route.replayed)
        .map((route) => (
          <p key={route.router} className="case-route">
            Router {route.router}: expected {route.expected}, took {route.replayed ?? 'no route'}
          </p>
        ))}
    </div>
  );
}

function StepRow({ step }: { step: StepVerdict }) {
  return (
    <li
      className={`case-step case-step-${step.status}`}
      data-testid="case-step"
      data-step-key={step.stepKey}
      data-status={step.status}
    >
      <span className="case-step-key">{step.stepKey}</span> <span className="subtle">({step.agentName})</span>{' '}
      <span className="case-step-status">
        {step.status === 'not_reached' ? 'not reached' : step.status}
        {step.called ? ', called live' : ''}
      </span>
      {step.changes.length > 0 && (
        <ul className="case-changes">
          {step.changes.map((change) => (
            <li key={`${change.kind}:${change.index ?? ''}`}>
              {change.message}
              {change.recorded !== undefined && <pre className="case-was">{change.recorded}</pre>}
              {change.current !== undefined && <pre className="case-now">{change.current}</pre>}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
