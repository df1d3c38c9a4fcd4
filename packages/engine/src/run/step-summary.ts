// The summary a step's action carries when its recorded outcome is reused: the log's own mark of a step not executed
// again, which prior-spend reads so that a resumed run's budget counts only what was really spent.
export const REUSED = 'Reused from an earlier attempt of this run.';

/** The summary of a step answered from a test case's recording (another run's), not executed in this replay. */
export const FROM_RECORDING = 'Answered from the test case\u2019s recording.';
