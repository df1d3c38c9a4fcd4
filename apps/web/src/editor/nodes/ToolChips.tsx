// A specialist's tools on the canvas: one row of chips (⚑, drawn by editor.css, on those that ask a person first),
// "+N" for those that do not fit. Kept tiny: it is part of the canvas, on the editor's first screen.
import type { ToolRef } from '@baton/contracts';

export function ToolChips({ tools = [] }: { tools?: readonly ToolRef[] }) {
  // Three short names fit a node; past three, the third place says how many more there are.
  const shown = tools.length > 3 ? tools.slice(0, 2) : tools;
  return tools.length ? (
    <ul className="baton-node__tools" title={tools.map((t) => t.name).join(', ')}>
      {shown.map((t) => (
        <li key={`${t.source}/${t.name}`} className={t.requiresApproval ? 'is-approval' : ''}>
          {t.name}
        </li>
      ))}
      {shown.length < tools.length ? <li className="is-more">+{tools.length - shown.length}</li> : null}
    </ul>
  ) : null;
}
