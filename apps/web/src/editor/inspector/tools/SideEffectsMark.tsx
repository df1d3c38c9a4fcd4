// The picker's and the tool list's one mark for a tool that may have side effects.
/** The mark of a tool that may change something outside the run. */
export function SideEffectsMark() {
  return (
    <span
      className="badge badge-warning badge-caps"
      title="May change something outside the run: in simulated runs each call asks a person first."
      data-testid="tool-side-effects"
    >
      side effects
    </span>
  );
}
