// One tool call in the trace: which tool, with what arguments, what it returned (or why it failed), how long it took.
import type { JsonValue } from '@baton/contracts';
import { formatDuration, formatJson } from './format';
import type { ActionView } from './view-shapes';

export function ToolCallDetail({ action, duration }: { action: ActionView; duration: number | null }) {
  const tool = action.tool;
  if (!tool) return null;
  return (
    <section className="trace-tool" data-testid="tool-call" aria-label="Tool call">
      <dl className="trace-facts">
        <dt>Tool</dt>
        <dd data-testid="tool-call-name">
          {tool.name} <span className="subtle">({tool.source})</span>
        </dd>
        <dt>Time</dt>
        <dd data-testid="tool-call-time">{action.status === 'running' ? 'running…' : formatDuration(duration)}</dd>
      </dl>
      <h4 className="trace-tool-heading">Arguments</h4>
      <pre className="trace-pre" data-testid="tool-call-arguments">
        {formatJson(tool.arguments)}
      </pre>
      <h4 className="trace-tool-heading">{action.error ? 'Error' : 'Result'}</h4>
      <pre className="trace-pre" data-testid="tool-call-result">
        {action.error ? action.error.message : action.output !== undefined ? formatJson(resultOf(action.output)) : '…'}
      </pre>
    </section>
  );
}

/** A recorded result `{ isError, content: [...] }` as a person reads it: the text of its parts, or their JSON. */
function resultOf(output: JsonValue): JsonValue {
  const record = output as { isError?: boolean; content?: { type: string; text?: string; value?: JsonValue }[] } | null;
  if (!record || !Array.isArray(record.content)) return output;
  const parts = record.content.map(
    (part): JsonValue => (part.type === 'text' ? (part.text ?? '') : (part.value ?? `[${part.type}]`)),
  );
  const body: JsonValue = parts.length === 1 ? parts[0]! : parts;
  return record.isError ? { error: body } : body;
}
