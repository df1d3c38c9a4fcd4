// The run panel of the editor: goal, Run, Cancel, and the live trace. Placeholder until the run view lands.
export interface RunPanelProps {
  graphId: string;
  /** True when the graph has problems: it can be saved but not run. */
  hasProblems: boolean;
}

export function RunPanel(_props: RunPanelProps) {
  return null;
}
