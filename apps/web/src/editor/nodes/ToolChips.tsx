// A specialist's tools on the canvas: one row of compact chips (the tool's name, ⚑ when each call waits for a
// person), with "+N" for those that do not fit. Kept tiny: it is part of the canvas, on the editor's first screen.
import type { ToolRef } from '@baton/contracts';
import { memo } from 'react';

/** Chips drawn before "+N": three short names fit a node's width; longer ones shrink with an ellipsis. */
const SHOWN = 3;

export const ToolChips = memo(function ToolChips({ tools }: { tools: readonly ToolRef[] | undefined }) {
  if (!tools || tools.length === 0) return null;
  // With more than SHOWN, the last place goes to "+N" so the row never wraps.
  const shown = tools.length > SHOWN ? tools.slice(0, SHOWN - 1) : tools;
  const hidden = tools.length - shown.length;
  const all = tools.map((tool) => `${tool.name} (${tool.source})${tool.requiresApproval ? ', asks first' : ''}`);
  return (
    <ul className="baton-node__tools" title={`Tools: ${all.join(', ')}`} aria-label={`Tools: ${all.join(', ')}`}>
      {shown.map((tool) => (
        <li
          key={`${tool.source}/${tool.name}`}
          className={`baton-tool-chip${tool.requiresApproval ? ' is-approval' : ''}`}
          data-testid="node-tool-chip"
          data-approval={tool.requiresApproval ? 'true' : undefined}
        >
          {tool.requiresApproval ? <span aria-hidden="true">⚑ </span> : null}
          {tool.name}
        </li>
      ))}
      {hidden > 0 ? (
        <li className="baton-tool-chip is-more" data-testid="node-tool-more">
          +{hidden}
        </li>
      ) : null}
    </ul>
  );
});
