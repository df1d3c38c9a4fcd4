// The "Add tool" picker: every tool source of the server, grouped, each tool with its description and side-effect
// mark; a source that does not answer says why and offers nothing. Tools already added and tools whose names a graph
// cannot use are left out.
import type { ToolRef } from '@baton/contracts';
import { useId, useState } from 'react';
import type { ToolSourcesQuery } from '../../../api/tools';
import { SideEffectsMark } from './SideEffectsMark';
import { type ToolGroup, toolGroups, withTool } from './tool-choices';

interface ToolPickerProps {
  sources: ToolSourcesQuery;
  current: readonly ToolRef[];
  limit: number;
  onChange(next: readonly ToolRef[]): void;
}

export function ToolPicker({ sources: query, current, limit, onChange }: ToolPickerProps) {
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const groups = query.data ? toolGroups(query.data, current, filter) : [];
  return (
    <div className="tool-picker" data-testid="tool-picker">
      <div className="tool-picker__bar">
        <label className="visually-hidden" htmlFor={filterId}>
          Filter tools
        </label>
        <input
          id={filterId}
          className="input"
          type="search"
          placeholder="Filter by name or description"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          data-testid="tool-filter"
        />
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() => void query.refetch()}
          disabled={query.isFetching}
          title="Ask the server again (an MCP server that was down may answer now)"
          data-testid="tools-refresh"
        >
          {query.isFetching ? 'Asking…' : 'Ask again'}
        </button>
      </div>
      {query.isPending ? <p className="field-hint">Asking the server for its tools…</p> : null}
      {query.error ? (
        <p className="field-error" role="status">
          The tools could not be listed: {query.error.message}
        </p>
      ) : null}
      {groups.map((group) => (
        <ToolGroupView
          key={group.source.name}
          group={group}
          filtering={filter.trim() !== ''}
          onAdd={(tool) => onChange(withTool(current, group.source.name, tool, limit))}
        />
      ))}
    </div>
  );
}

function ToolGroupView({
  group,
  filtering,
  onAdd,
}: {
  group: ToolGroup;
  filtering: boolean;
  onAdd(tool: ToolGroup['offered'][number]): void;
}) {
  const { source, offered, added, unusable } = group;
  const kind = source.kind === 'builtin' ? 'built-in' : `MCP${source.transport ? ` · ${source.transport}` : ''}`;
  const titleId = useId();
  return (
    <section
      className={`tool-group${source.reachable ? '' : ' is-unreachable'}`}
      aria-labelledby={titleId}
      data-testid="tool-group"
      data-source={source.name}
      data-reachable={source.reachable}
    >
      <h4 className="tool-group__title" id={titleId}>
        <span className="tool-group__name">{source.name}</span>
        <span className="subtle">{kind}</span>
        {source.reachable ? null : <span className="badge badge-danger">unreachable</span>}
      </h4>
      {source.reachable ? null : (
        <p className="tool-group__error" data-testid="tool-group-error">
          {source.error ?? 'It does not answer.'}
        </p>
      )}
      {offered.length > 0 ? (
        <ul className="tool-group__tools">
          {offered.map((tool) => (
            <li key={tool.name}>
              <button
                type="button"
                className="tool-option"
                onClick={() => onAdd(tool)}
                aria-label={`Add the tool ${tool.name} from ${source.name}`}
                data-testid="tool-option"
                data-tool={`${source.name}/${tool.name}`}
              >
                <span className="tool-option__head">
                  <code className="tool-option__name">{tool.name}</code>
                  {tool.sideEffects ? <SideEffectsMark /> : null}
                </span>
                {tool.description ? <span className="tool-option__description">{tool.description}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : source.reachable ? (
        <p className="field-hint">
          {filtering
            ? 'No tool here matches the filter.'
            : added > 0
              ? 'Every tool of this source is added.'
              : 'This source lists no tools.'}
        </p>
      ) : null}
      {unusable > 0 ? (
        <p className="field-hint">
          {unusable === 1 ? 'One tool is' : `${unusable} tools are`} left out: a graph can name only tools whose names
          use letters, digits, _ and - (at most 64 characters).
        </p>
      ) : null}
    </section>
  );
}
