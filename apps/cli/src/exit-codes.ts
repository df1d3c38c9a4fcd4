// What `baton`'s exit status says happened, one number per outcome, documented in the README and `baton --help`.
export const EXIT = {
  /** The run completed; the graph is valid; the trace verifies; the document was migrated. */
  ok: 0,
  /** The run failed (a node failed, a budget ran out, a person rejected a handoff); a trace's chain is broken. */
  failed: 1,
  /** The command line is wrong, or the configuration (environment) is. */
  usage: 2,
  /** The graph, its input, or the trace file cannot be read or is not valid. */
  invalid: 3,
  /** The run stopped waiting for a person, and none could be asked (`--on-escalation fail`). */
  waiting: 4,
  /** The run was cancelled with Ctrl+C (SIGINT): 128 + 2, as shells report it. */
  cancelled: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
