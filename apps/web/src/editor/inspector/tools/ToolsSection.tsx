// The inspector's Tools section of a specialist: the tools it has (approval per tool, remove) and the picker that
// adds one from what `GET /api/tools` lists. Loaded lazily when a specialist's form opens (the editor's first screen
// has a script budget); each change is one undo step of the document, saved like any other field.
import type { ToolRef } from '@baton/contracts';
import { useState } from 'react';
import type { ToolSourcesQuery } from '../../../api/tools';
import type { ToolsSlotProps } from '../../tools-slot';
import { SideEffectsMark } from './SideEffectsMark';
import { ToolPicker } from './ToolPicker';
import { toolInfoOf, withApproval, withoutTool } from './tool-choices';
import './tools.css';

export interface ToolsSectionProps extends ToolsSlotProps {
  /**
   * The tool list and the contracts' MAX_AGENT_TOOLS, handed in (ToolsSlot.tsx): each module of the editor's first
   * screen this chunk imported would be split out of its chunk into one of its own, which costs the first screen
   * more than the module (bundle-size.test.ts measures it).
   */
  sources: ToolSourcesQuery;
  limit: number;
}

export default function ToolsSection({ node, sources, limit, onChange }: ToolsSectionProps) {
  const [picking, setPicking] = useState(false);
  const tools = node.data.tools ?? [];
  const full = tools.length >= limit;
  const setTools = (next: readonly ToolRef[]) => onChange(next.length > 0 ? [...next] : undefined);

  return (
    <section className="inspector-tools" data-testid="tools-section" aria-label="Tools">
      <h3 className="inspector-subtitle">
        Tools{' '}
        <span className="subtle" data-testid="tools-count">
          {tools.length} of {limit}
        </span>
      </h3>
      {tools.length === 0 ? (
        <p className="field-hint">No tools: the agent answers from its instructions and what it is given.</p>
      ) : (
        <ul className="tool-list">
          {tools.map((ref, index) => {
            const info = toolInfoOf(sources.data, ref);
            const source = sources.data?.find((s) => s.name === ref.source);
            // Only a source that answered can say it lacks a tool; the run refuses such a graph with a 400 too.
            const missing = sources.data !== undefined && (!source || (source.reachable && !info));
            return (
              <li
                key={`${ref.source}/${ref.name}`}
                className="tool-list__item"
                data-testid="tool-item"
                data-tool={`${ref.source}/${ref.name}`}
              >
                <div className="tool-list__head">
                  <code className="tool-list__name">{ref.name}</code>
                  <span className="subtle">{ref.source === 'builtin' ? 'built-in' : ref.source}</span>
                  {info?.sideEffects ? <SideEffectsMark /> : null}
                  <button
                    type="button"
                    className="btn btn-sm btn-ghost tool-list__remove"
                    onClick={() => setTools(withoutTool(tools, index))}
                    aria-label={`Remove the tool ${ref.name}`}
                    data-testid="tool-remove"
                  >
                    Remove
                  </button>
                </div>
                {info?.description ? <p className="tool-list__description">{info.description}</p> : null}
                {missing ? (
                  <p className="field-error" role="status">
                    {source
                      ? `The source "${ref.source}" does not list this tool: a run of this graph is refused.`
                      : `This server has no tool source "${ref.source}": a run of this graph is refused.`}
                  </p>
                ) : null}
                <label className="check-field">
                  <input
                    type="checkbox"
                    checked={ref.requiresApproval === true}
                    onChange={(event) => setTools(withApproval(tools, index, event.target.checked))}
                    data-testid="tool-approval"
                  />
                  Ask a person to approve each call
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {full ? (
        <p className="field-hint" data-testid="tools-full">
          An agent can have at most {limit} tools: remove one to add another.
        </p>
      ) : (
        <button
          type="button"
          className="btn btn-sm"
          aria-expanded={picking}
          onClick={() => setPicking((open) => !open)}
          data-testid="add-tool"
        >
          {picking ? 'Done adding tools' : 'Add tool'}
        </button>
      )}
      {picking && !full ? <ToolPicker sources={sources} current={tools} limit={limit} onChange={setTools} /> : null}
    </section>
  );
}
