// `baton verify <trace.json>`: checks a trace file's hash chain against its run record; says which event breaks it.
import { formatJsonPath, type RunEvent, TraceFile } from '@baton/contracts';
import { verifyRunLog } from '@baton/engine';
import { CliError } from '../cli-error';
import type { Command } from '../command';
import { EXIT } from '../exit-codes';
import { onePositional, parseCommandArgs } from '../parse-args';
import { readJsonFile } from '../read-json-file';

export const verifyCommand: Command = async (args, { output }) => {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean', default: false } });
  const file = onePositional('verify', positionals, 'trace.json');
  const raw = readJsonFile(file, 'trace');
  const shape = TraceFile.safeParse(raw);
  if (!shape.success) {
    const lines = shape.error.issues
      .slice(0, 20)
      .map((issue) => `${formatJsonPath(issue.path.filter((p) => typeof p !== 'symbol'))}: ${issue.message}`);
    throw new CliError(EXIT.invalid, `${file} is not a Baton trace file (format "baton.trace", version 1):`, lines);
  }
  // The digests are over the events exactly as stored: verify the file's own values, not zod's parsed copies.
  const { run, events } = raw as { run: TraceFile['run']; events: RunEvent[] };
  const result = verifyRunLog(events, { lastHash: run.lastHash, count: run.eventCount });
  if (values.json) {
    output.out(
      `${JSON.stringify({ ok: result.ok, runId: run.id, events: events.length, ...(result.ok ? {} : { seq: result.seq, reason: result.reason }) }, null, 2)}\n`,
    );
  } else if (result.ok) {
    output.out(
      `${file}: intact. ${events.length} events of run ${run.id} (${run.status}), chain ${short(run.lastHash)}.\n`,
    );
  } else {
    const where =
      result.seq === null ? 'the log as a whole' : `event ${result.seq} (${describeEvent(events, result.seq)})`;
    output.err(`${file}: the chain is broken at ${where}: ${result.reason}\n`);
  }
  return result.ok ? EXIT.ok : EXIT.failed;
};

function short(hash: string | null): string {
  return hash ? `${hash.slice(0, 12)}…` : 'empty';
}

function describeEvent(events: readonly RunEvent[], seq: number): string {
  const index = events.findIndex((event) => event.seq === seq);
  const event = events[index];
  return event ? `${event.type}, at $.events[${index}]` : 'missing';
}
