// The run's result: Markdown rendered safely (no raw HTML, unsafe link schemes removed), and its totals.
import type { JsonValue } from '@baton/contracts';
import Markdown, { defaultUrlTransform } from 'react-markdown';
import { formatDuration, formatJson, formatTokens } from './format';
import type { RunSummaryView } from './view-shapes';

/** Agent output is data: `skipHtml` drops raw HTML, and links keep only http(s), mailto and relative URLs. */
export function SafeMarkdown({ text }: { text: string }) {
  return (
    <Markdown
      skipHtml
      urlTransform={defaultUrlTransform}
      components={{
        a: ({ href, children }) =>
          href ? (
            <a href={href} target="_blank" rel="noopener noreferrer nofollow">
              {children}
            </a>
          ) : (
            <span>{children}</span>
          ),
        img: ({ alt }) => <span className="subtle">[image: {alt ?? ''}]</span>,
      }}
    >
      {text}
    </Markdown>
  );
}

function ResultValue({ value }: { value: JsonValue }) {
  if (typeof value === 'string') return <SafeMarkdown text={value} />;
  return <pre className="trace-pre">{formatJson(value)}</pre>;
}

export function ResultView({ summary }: { summary: RunSummaryView }) {
  const { result, totals, budget } = summary;
  const elapsed = summary.startedAt !== null && summary.endedAt !== null ? summary.endedAt - summary.startedAt : null;
  return (
    <section className="run-result" data-testid="run-result" aria-label="Result">
      <dl className="run-totals" data-testid="run-totals">
        <dt>Tokens</dt>
        <dd data-testid="run-total-tokens">{formatTokens(totals.usage.totalTokens)}</dd>
        <dt>Model calls</dt>
        <dd>{formatTokens(totals.modelCalls)}</dd>
        <dt>Active time</dt>
        <dd>{formatDuration(totals.activeMs)}</dd>
        <dt>Wall time</dt>
        <dd>{formatDuration(elapsed)}</dd>
      </dl>
      {budget && (
        <p className="subtle run-budget" data-testid="run-budget">
          Budget: {formatTokens(budget.maxModelCalls)} model calls · {formatTokens(budget.maxTokens)} tokens ·{' '}
          {formatDuration(budget.maxWallSeconds * 1000)} active
        </p>
      )}
      {summary.notices.map((notice) => (
        <p key={notice} className="run-notice">
          {notice}
        </p>
      ))}
      {summary.status === 'completed' && result !== undefined ? (
        <div className="run-result-body markdown" data-testid="run-result-body">
          {isKeyedByOutputs(result) ? (
            Object.entries(result).map(([name, value]) => (
              <section key={name}>
                <h3 className="run-result-name">{name}</h3>
                <ResultValue value={value} />
              </section>
            ))
          ) : (
            <ResultValue value={result} />
          )}
        </div>
      ) : (
        <p className="subtle">
          {summary.endReason ??
            (summary.status === 'completed' ? 'No result.' : 'The result shows when the run completes.')}
        </p>
      )}
    </section>
  );
}

/** Several outputs give an object of strings keyed by output name; show each under its name. */
function isKeyedByOutputs(value: JsonValue): value is Record<string, JsonValue> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.values(value);
  return entries.length > 1 && entries.every((v) => typeof v === 'string');
}
