// The summary a step's action carries when its recorded outcome is reused: the log's own mark of a step not executed
// again, which prior-spend reads so that a resumed run's budget counts only what was really spent.
export const REUSED = 'Reused from an earlier attempt of this run.';
