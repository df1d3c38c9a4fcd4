// A recorded run as a test case file's text: the contracts' testCaseFromRun, in the stable two-space form.
import { NotARecordedRunError, type RecordedRun, testCaseFromRun } from '@baton/contracts';
import { CliError } from '../cli-error';
import { EXIT } from '../exit-codes';

export function caseText(recorded: RecordedRun): string {
  try {
    return `${JSON.stringify(testCaseFromRun(recorded), null, 2)}\n`;
  } catch (error) {
    if (error instanceof NotARecordedRunError) throw new CliError(EXIT.invalid, error.message);
    throw error;
  }
}
